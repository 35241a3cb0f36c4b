using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.Segments;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Warehouse;

[Collection(WarehouseCollectionDefinition.Name)]
public sealed class WarehouseIdempotencyTests(WarehouseFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task LoadingTheSameRowsTwice_LeavesEveryTableAsAfterOnce(WarehouseProvider provider)
    {
        // Given one load of each report
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("twice");
        await LoadAllAsync(warehouse, source);
        var once = await warehouse.DumpAsync(Ct);
        var batchesAfterOnce = (await warehouse.Warehouse.GetBatchesAsync(source, 100, Ct)).Count;

        // When the same rows are loaded again, later
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await LoadAllAsync(warehouse, source);
        var twice = await warehouse.DumpAsync(Ct);

        // Then every dw table (and the watermarks) is identical; only etl.load_batch gained rows
        Assert.Equal(once, twice);
        Assert.Equal(batchesAfterOnce + 4, (await warehouse.Warehouse.GetBatchesAsync(source, 100, Ct)).Count);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task CorrectedRowsForTheSameWindow_ReplaceTheOldOnes(WarehouseProvider provider)
    {
        // Given queue statistics for Q1 and Q2 in the 10:00 hour
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("fix");
        await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(10, 11)), Stream([Queue("Q1", At(10, 0)), Queue("Q2", At(10, 0)), Queue("Q1", At(10, 45))]), Ct);

        // When a corrected file for the same window changes Q1 10:00 and no longer has Q2 or Q1 10:45
        var corrected = await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(10, 11)), Stream([Queue("Q1", At(10, 0), answered: 99)]), Ct);

        // Then the window holds exactly the corrected rows
        var facts = await warehouse.QueryAsync(
            """
            SELECT q.queue_id, f.interval_key, f.answ_call_cnt, f.load_batch_id
            FROM {fact_queue_interval} AS f
            INNER JOIN {dim_queue} AS q ON q.queue_key = f.queue_key
            INNER JOIN {dim_source} AS s ON s.source_key = f.source_key
            WHERE s.sub_account_id = @source
            """,
            Ct,
            ("@source", source));
        Assert.Equal([["Q1", "202601051000", "99", corrected.LoadBatchId.ToString(System.Globalization.CultureInfo.InvariantCulture)]], facts.Select(r => r.Select(Engines.Text).ToArray()).ToArray());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task CorrectedSegments_ReplaceChangedDroppedAndMovedSegments(WarehouseProvider provider)
    {
        // Given three segments with events in the 14:00 hour
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("segfix");
        var start = new SegmentEventRow(1, "RECORDING_START", At(14, 1), null);
        var stop = new SegmentEventRow(2, "RECORDING_STOP", At(14, 3), null);
        await warehouse.Warehouse.LoadAsync(
            Request(source, ReportKind.Segments, Window(14, 15)),
            Stream([Segment("I1", "1", At(14, 0), events: [start, stop]), Segment("I2", "1", At(14, 20), events: [start]), Segment("I3", "1", At(14, 50))]),
            Ct);

        // When the next pull (15:00 hour) carries I1 again with a new disposition and one event fewer, and I3 moved into it
        await warehouse.Warehouse.LoadAsync(
            Request(source, ReportKind.Segments, Window(15, 16)),
            Stream([Segment("I1", "1", At(14, 0), disposition: "NO_SALE", events: [start]), Segment("I3", "1", At(15, 5))]),
            Ct);

        // Then no segment exists twice, the carried ones are replaced, and I2 (not carried, outside the window) stays
        var facts = await warehouse.QueryAsync(
            """
            SELECT f.interaction_id, f.interval_key, f.agent_disposition
            FROM {fact_segment} AS f INNER JOIN {dim_source} AS s ON s.source_key = f.source_key
            WHERE s.sub_account_id = @source ORDER BY f.interaction_id
            """,
            Ct,
            ("@source", source));
        Assert.Equal(
            [["I1", "202601051400", "NO_SALE"], ["I2", "202601051415", "SALE"], ["I3", "202601051500", "SALE"]],
            facts.Select(r => r.Select(Engines.Text).ToArray()).ToArray());
        var events = await warehouse.QueryAsync(
            """
            SELECT e.interaction_id, e.event_seq
            FROM {fact_segment_event} AS e INNER JOIN {dim_source} AS s ON s.source_key = e.source_key
            WHERE s.sub_account_id = @source ORDER BY e.interaction_id, e.event_seq
            """,
            Ct,
            ("@source", source));
        Assert.Equal([["I1", "1"], ["I2", "1"]], events.Select(r => r.Select(Engines.Text).ToArray()).ToArray());
    }

    private static async Task LoadAllAsync(TestWarehouse warehouse, string source)
    {
        await warehouse.Warehouse.LoadAsync(
            Request(source, ReportKind.QueueStats, Window(8, 9)),
            Stream([Queue("Q1", At(8, 0)), Queue("Q2", At(8, 15)), Queue("Q1", At(8, 30), wait: 0.001m)]),
            Ct);
        await warehouse.Warehouse.LoadAsync(
            Request(source, ReportKind.AgentExtended, null),
            Stream([Agent("A1", "Q1", At(8, 0), agentName: "Ann"), Agent("A2", "Q1", At(8, 0)), Agent("A1", "Q3", At(8, 15), agentName: "Ann")]),
            Ct);
        await warehouse.Warehouse.LoadAsync(
            Request(source, ReportKind.Segments, Window(8, 9)),
            Stream(
            [
                Segment("I1", "1", At(8, 1), events: [new SegmentEventRow(1, "RECORDING_START", At(8, 1), null), new SegmentEventRow(2, "RECORDING_STOP", null, null)]),
                Segment("I1", "2", At(8, 5), agentId: "A9"),
                Segment("I2", "1", At(8, 59), agentId: null),
            ]),
            Ct);
        await warehouse.Warehouse.LoadAsync(
            Request(source, ReportKind.AgentStats, Window(8, 9)),
            Stream([AgentState("A1", At(8, 0), agentName: "Ann", others: [new("ringing_dur", 20m), new("hold_dur", 0.125m)]), AgentState("A2", At(8, 15), loggedIn: 0m, talking: 0m, away: 0m)]),
            Ct);
    }
}
