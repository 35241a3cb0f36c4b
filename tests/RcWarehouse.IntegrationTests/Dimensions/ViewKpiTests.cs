using RcWarehouse.Core.Reports;
using RcWarehouse.IntegrationTests.Warehouse;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Dimensions.DimensionQueries;
using static RcWarehouse.IntegrationTests.Dimensions.ReferenceData;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Dimensions;

/// <summary>Each BI view on a dataset small enough to work the numbers out by hand.</summary>
[Collection(WarehouseCollectionDefinition.Name)]
public sealed class ViewKpiTests(WarehouseFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Views_ReturnTheExpectedKpis(WarehouseProvider provider)
    {
        // Given two agents of Team Red under S1, one queue interval, one agent slot each and one segment
        var w = await fixture.GetAsync(provider);
        var source = NewSource("kpi");
        await w.Warehouse.LoadReferenceAsync(
            Snapshot(source, Day, [.. RedTeam(), Agent("A2", "G1", "Alan", "Turing", ["S1"])], [Queue("Q1", "Sales", "A1", "A2")]),
            Ct);
        await w.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(10, 11)), Stream([Queue("Q1", At(10, 0))]), Ct);
        await LoadAgentSlotAsync(w, source, Day, Ct, ("A1", 4, 600m), ("A2", 6, 300m));
        await w.Warehouse.LoadAsync(Request(source, ReportKind.Segments, Window(14, 15)), Stream([Segment("I1", "2", At(14, 7))]), Ct);

        // Then the queue view: answered 10, abandoned 2, 9 within the service level, 150 s handled, 300 s queued,
        // longest waits 60 s answered and 20 s abandoned; 10:00 UTC is 05:00 in New York in January
        Assert.Equal(
            [["Sales", "Sales queues", "05:00:00", "5", "75", "16.67", "15", "30", "60"]],
            await RowsAsync(
                w,
                $"SELECT queue_name, queue_group_name, local_time, local_hour, service_level_pct, abandon_rate_pct, avg_handle_time_sec, avg_speed_of_answer_sec, longest_wait_sec FROM {View(w, "v_queue_interval")} WHERE sub_account_id = @source",
                source,
                Ct));

        // And the agent view: (600 + 90.5) / 4 and (300 + 90.5) / 6 seconds per call
        Assert.Equal(
            [["A1", "Ada Lovelace", "Team Red", "Sales", "09:00:00", "172.625"], ["A2", "Alan Turing", "Team Red", "Sales", "09:00:00", "65.083"]],
            await RowsAsync(
                w,
                $"SELECT agent_id, agent_name, agent_group_name, queue_name, local_time, avg_handle_time_sec FROM {View(w, "v_agent_queue_interval")} WHERE sub_account_id = @source ORDER BY agent_id",
                source,
                Ct));

        // And the supervisor roll-up: both agents, 10 calls, (900 + 181) / 10 seconds per call
        Assert.Equal(
            [["S1", "Sam Red", "2", "10", "900", "181", "108.1"]],
            await RowsAsync(
                w,
                $"SELECT supervisor_agent_id, supervisor_name, agent_cnt, answ_call_cnt, talking_call_dur_sec, wrap_up_dur_sec, avg_handle_time_sec FROM {View(w, "v_supervisor_interval")} WHERE sub_account_id = @source",
                source,
                Ct));

        // And the segment view: the agent's name, the direction, 180 s, started in the 09:00 New York slot
        Assert.Equal(
            [["I1", "Ada Lovelace", "INBOUND", "180", "09:00:00", "9"]],
            await RowsAsync(
                w,
                $"SELECT interaction_id, agent_name, direction, segment_duration_sec, slot_local_time, local_hour FROM {View(w, "v_segment")} WHERE sub_account_id = @source",
                source,
                Ct));
    }
}
