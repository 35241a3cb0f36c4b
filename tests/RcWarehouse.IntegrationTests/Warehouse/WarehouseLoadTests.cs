using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.Segments;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Warehouse;

[Collection(WarehouseCollectionDefinition.Name)]
public sealed class WarehouseLoadTests(WarehouseFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task QueueStats_AreLoadedWithExactValues(WarehouseProvider provider)
    {
        // Given queue statistics for two queues in a 30-minute window
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("qs");
        var rows = new[] { Queue("Q1", At(10, 0)), Queue("Q1", At(10, 15), answered: 7, talking: 95.125m), Queue("Q2", At(10, 0), name: "") };

        // When they are loaded
        var result = await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(10, 11)), Stream(rows), Ct);

        // Then the batch covers the requested window and every value landed as sent
        Assert.Equal(3, result.RowsRead);
        Assert.Equal(3, result.RowsLoaded);
        Assert.Equal(Window(10, 11), result.Window);
        var facts = await warehouse.QueryAsync(
            """
            SELECT q.queue_id, q.queue_name, q.is_inferred, f.interval_key, f.interval_minutes, f.offd_direct_call_cnt, f.overflow_in_call_cnt,
                   f.aband_call_cnt, f.overflow_out_call_cnt, f.answ_call_cnt, f.queued_and_answ_call_dur_sec, f.queued_and_aband_call_dur_sec,
                   f.talking_call_dur_sec, f.wrap_up_dur_sec, f.queued_answ_longest_que_dur_sec, f.queued_aband_longest_que_dur_sec,
                   f.ans_servicelevel_cnt, f.wait_dur_sec, f.aband_short_call_cnt, f.aband_within_sl_cnt, f.completed_contacts,
                   f.segment_hold_time_ms, f.load_batch_id
            FROM {fact_queue_interval} AS f
            INNER JOIN {dim_queue} AS q ON q.queue_key = f.queue_key
            INNER JOIN {dim_source} AS s ON s.source_key = f.source_key
            WHERE s.sub_account_id = @source
            ORDER BY q.queue_id, f.interval_key
            """,
            Ct,
            ("@source", source));
        string batch = result.LoadBatchId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [
                ["Q1", "Queue Q1", "1", "202601051000", "15", "12", "1", "2", "0", "10", "300", "45.25", "120", "30", "60", "20", "9", "12.5", "1", "1", "11", "5000", batch],
                ["Q1", "Queue Q1", "1", "202601051015", "15", "9", "1", "2", "0", "7", "300", "45.25", "95.125", "30", "60", "20", "9", "12.5", "1", "1", "11", "5000", batch],
                ["Q2", null, "1", "202601051000", "15", "12", "1", "2", "0", "10", "300", "45.25", "120", "30", "60", "20", "9", "12.5", "1", "1", null, null, batch],
            ],
            facts.Select(r => r.Select(Engines.Text).ToArray()).ToArray());

        // And the view computes service level, abandon rate and handle time
        var view = await warehouse.QueryAsync(
            "SELECT service_level_pct, abandon_rate_pct, avg_handle_time_sec, local_hour FROM {v_queue_interval} WHERE sub_account_id = @source AND queue_id = 'Q1' AND interval_key = 202601051000",
            Ct,
            ("@source", source));
        Assert.Equal(["75", "16.67", "15", "5"], view.Single().Select(v => Engines.Text(v) ?? "NULL").ToArray());
    }

    [Fact]
    public async Task SqliteDurations_IntegralValuesReadBackAsIntegers()
    {
        // Microsoft.Data.Sqlite binds decimals as text; NUMERIC affinity must turn 120.000 into the integer 120, not text.
        var warehouse = await fixture.GetAsync(WarehouseProvider.Sqlite);
        var source = NewSource("num");
        await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, null), Stream([Queue("Q1", At(3, 0), talking: 120.000m, wait: 12.5m)]), Ct);

        var row = (await warehouse.QueryAsync(
            """
            SELECT typeof(f.talking_call_dur_sec), f.talking_call_dur_sec, typeof(f.wait_dur_sec), f.wait_dur_sec
            FROM fact_queue_interval AS f INNER JOIN dim_source AS s ON s.source_key = f.source_key
            WHERE s.sub_account_id = @source
            """,
            Ct,
            ("@source", source))).Single();

        Assert.Equal("integer", row[0]);
        Assert.Equal(120L, row[1]);
        Assert.Equal("real", row[2]);
        Assert.Equal(12.5d, row[3]);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task AgentStats_AreLoadedAndCreateInferredMembers(WarehouseProvider provider)
    {
        // Given agent x queue rows, one agent without a name
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("ae");
        var rows = new[]
        {
            Agent("A1", "Q1", At(9, 0), agentName: "Ann Smith"),
            Agent("A1", "Q2", At(9, 0), answered: 2, agentName: "Ann Smith"),
            Agent("A2", "Q1", At(9, 15), answered: 0, talking: 0m),
        };

        // When loaded without a window (derived from the rows)
        var result = await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, null), Stream(rows), Ct);

        // Then the covered window runs from the first slot to the end of the last interval
        Assert.Equal(new RcWarehouse.Core.Intervals.UtcWindow(At(9, 0), At(9, 30)), result.Window);
        var facts = await warehouse.QueryAsync(
            """
            SELECT a.agent_id, q.queue_id, f.interval_key, f.interval_minutes, f.talking_call_dur_sec, f.wrap_up_dur_sec, f.answ_call_cnt, f.transfer_out_call_cnt
            FROM {fact_agent_queue_interval} AS f
            INNER JOIN {dim_agent} AS a ON a.agent_key = f.agent_key
            INNER JOIN {dim_queue} AS q ON q.queue_key = f.queue_key
            INNER JOIN {dim_source} AS s ON s.source_key = f.source_key
            WHERE s.sub_account_id = @source
            ORDER BY a.agent_id, q.queue_id
            """,
            Ct,
            ("@source", source));
        Assert.Equal(
            [
                ["A1", "Q1", "202601050900", "15", "600", "90.5", "4", "1"],
                ["A1", "Q2", "202601050900", "15", "600", "90.5", "2", "1"],
                ["A2", "Q1", "202601050915", "15", "0", "90.5", "0", "1"],
            ],
            facts.Select(r => r.Select(Engines.Text).ToArray()).ToArray());

        // And each agent and queue got one inferred, current, open-ended version
        var agents = await warehouse.QueryAsync(
            """
            SELECT a.agent_id, a.agent_name, a.is_inferred, a.is_active, a.is_current, a.valid_from_utc, a.valid_to_utc
            FROM {dim_agent} AS a INNER JOIN {dim_source} AS s ON s.source_key = a.source_key
            WHERE s.sub_account_id = @source ORDER BY a.agent_id
            """,
            Ct,
            ("@source", source));
        Assert.Equal(
            [
                ["A1", "Ann Smith", "1", "1", "1", "1900-01-01 00:00:00.000", "9999-12-31 00:00:00.000"],
                ["A2", null, "1", "1", "1", "1900-01-01 00:00:00.000", "9999-12-31 00:00:00.000"],
            ],
            agents.Select(r => r.Select(Engines.Text).ToArray()).ToArray());
        Assert.Equal(2, await warehouse.CountAsync("SELECT COUNT(*) FROM {dim_queue} AS q INNER JOIN {dim_source} AS s ON s.source_key = q.source_key WHERE s.sub_account_id = @source", Ct, ("@source", source)));

        // When a later report names the unnamed agent, the inferred member takes the name (and gains no new version)
        await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, null), Stream([Agent("A2", "Q1", At(11, 0), agentName: "Bo Berg")]), Ct);
        var renamed = await warehouse.QueryAsync(
            "SELECT a.agent_name FROM {dim_agent} AS a INNER JOIN {dim_source} AS s ON s.source_key = a.source_key WHERE s.sub_account_id = @source AND a.agent_id = 'A2'",
            Ct,
            ("@source", source));
        Assert.Equal("Bo Berg", Engines.Text(renamed.Single()[0]));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Segments_AreLoadedWithTheirEvents(WarehouseProvider provider)
    {
        // Given two segments of one interaction, the first with two recording events, the second without an agent
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("seg");
        var rows = new[]
        {
            Segment("I1", "1", At(14, 7), events:
            [
                new SegmentEventRow(1, "RECORDING_START", At(14, 7).AddSeconds(2), At(14, 7).AddSeconds(2).AddMilliseconds(15)),
                new SegmentEventRow(2, "RECORDING_STOP", At(14, 10), null),
            ]),
            Segment("I1", "2", At(14, 16), agentId: null, disposition: null),
        };

        // When loaded for the hour
        var result = await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.Segments, Window(14, 15)), Stream(rows), Ct);

        // Then each segment is a fact in the slot of its start, with the agent resolved where there is one
        Assert.Equal(2, result.RowsLoaded);
        var facts = await warehouse.QueryAsync(
            """
            SELECT f.interaction_id, f.segment_id, f.dialog_id, f.interval_key, a.agent_id, f.agent_id, f.rc_user_id, f.agent_group_id,
                   f.segment_type, f.channel_type, f.channel_class, f.direction, f.interaction_start_utc, f.interaction_duration_ms,
                   f.segment_start_utc, f.segment_end_utc, f.segment_duration_ms, f.calling_address, f.called_address, f.recording_url,
                   f.has_recording, f.has_transcript, f.system_disposition, f.agent_disposition, f.agent_notes
            FROM {fact_segment} AS f
            INNER JOIN {dim_source} AS s ON s.source_key = f.source_key
            LEFT JOIN {dim_agent} AS a ON a.agent_key = f.agent_key
            WHERE s.sub_account_id = @source
            ORDER BY f.segment_id
            """,
            Ct,
            ("@source", source));
        Assert.Equal(
            [
                ["I1", "1", "D-I1", "202601051400", "A1", "A1", "rc-A1", "G1", "AGENT", "VOICE", "PHONE", "INBOUND", "2026-01-05 14:07:00.000", "185000",
                    "2026-01-05 14:07:00.000", "2026-01-05 14:10:00.000", "180000", "+15551230000", "+15559870000", "https://recordings.example/I1",
                    "1", "0", "COMPLETE", "SALE", null],
                ["I1", "2", "D-I1", "202601051415", null, null, null, "G1", "AGENT", "VOICE", "PHONE", "INBOUND", "2026-01-05 14:16:00.000", "185000",
                    "2026-01-05 14:16:00.000", "2026-01-05 14:19:00.000", "180000", "+15551230000", "+15559870000", "https://recordings.example/I1",
                    "1", "0", "COMPLETE", null, null],
            ],
            facts.Select(r => r.Select(Engines.Text).ToArray()).ToArray());

        var events = await warehouse.QueryAsync(
            """
            SELECT e.segment_id, e.event_seq, e.event_type, e.event_time_utc, e.client_event_time_utc
            FROM {fact_segment_event} AS e INNER JOIN {dim_source} AS s ON s.source_key = e.source_key
            WHERE s.sub_account_id = @source ORDER BY e.segment_id, e.event_seq
            """,
            Ct,
            ("@source", source));
        Assert.Equal(
            [
                ["1", "1", "RECORDING_START", "2026-01-05 14:07:02.000", "2026-01-05 14:07:02.015"],
                ["1", "2", "RECORDING_STOP", "2026-01-05 14:10:00.000", null],
            ],
            events.Select(r => r.Select(Engines.Text).ToArray()).ToArray());

        // And the inferred agent carries the RingCentral user id the segment named
        var agent = await warehouse.QueryAsync(
            "SELECT a.rc_user_id, a.is_inferred FROM {dim_agent} AS a INNER JOIN {dim_source} AS s ON s.source_key = a.source_key WHERE s.sub_account_id = @source",
            Ct,
            ("@source", source));
        Assert.Equal(["rc-A1", "1"], agent.Single().Select(v => Engines.Text(v) ?? "NULL").ToArray());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SucceededBatch_IsRecordedAndListed(WarehouseProvider provider)
    {
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("lb");
        var request = Request(source, ReportKind.QueueStats, Window(6, 7));

        var result = await warehouse.Warehouse.LoadAsync(request, Stream([Queue("Q1", At(6, 30))]), Ct);

        var batch = Assert.Single(await warehouse.Warehouse.GetBatchesAsync(source, 10, Ct));
        Assert.Equal(result.LoadBatchId, batch.LoadBatchId);
        Assert.Equal(source, batch.SourceId);
        Assert.Equal("queue-stats", batch.Report);
        Assert.Equal("succeeded", batch.Status);
        Assert.Equal((At(6, 0), At(7, 0)), (batch.WindowStartUtc, batch.WindowEndUtc));
        Assert.Equal((1L, 1L), (batch.RowsRead, batch.RowsLoaded));
        Assert.Equal(request.LandedFile, batch.LandedFile);
        Assert.Equal(request.Sha256, batch.Sha256);
        Assert.Null(batch.Error);
        Assert.Equal(fixture.Clock.GetUtcNow().UtcDateTime, batch.StartedUtc);
        Assert.NotNull(batch.FinishedUtc);
        var sourceRow = await warehouse.QueryAsync("SELECT source_name FROM {dim_source} WHERE sub_account_id = @source", Ct, ("@source", source));
        Assert.Equal("Test " + source, Engines.Text(sourceRow.Single()[0]));
    }
}
