using System.Diagnostics;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.AgentExtended;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Warehouse;

[Collection(WarehouseCollectionDefinition.Name)]
public sealed class WarehouseVolumeTests(WarehouseFixture fixture)
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task FullDayOfAgentStats_LoadsAndReloadsInSeconds(WarehouseProvider provider)
    {
        // Given a day of 15-minute agent x queue rows (96 slots x 500 agents = 48,000 rows), streamed, never listed
        var warehouse = await fixture.GetAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        var source = NewSource("vol");
        var day = new RcWarehouse.Core.Intervals.UtcWindow(At(0, 0), At(0, 0).AddDays(1));

        // When it is loaded, then loaded again with every value changed
        var stopwatch = Stopwatch.StartNew();
        var first = await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, day), Stream(DayOfRows(answered: 1)), ct);
        var second = await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, day), Stream(DayOfRows(answered: 2)), ct);
        stopwatch.Stop();

        // Then both publish every row, the second replacing the first, well within a scheduler tick
        Assert.Equal(48_000, first.RowsLoaded);
        Assert.Equal(48_000, second.RowsLoaded);
        var totals = await warehouse.QueryAsync(
            "SELECT COUNT(*), SUM(f.answ_call_cnt) FROM {fact_agent_queue_interval} AS f INNER JOIN {dim_source} AS s ON s.source_key = f.source_key WHERE s.sub_account_id = @source",
            ct,
            ("@source", source));
        Assert.Equal(["48000", "96000"], totals.Single().Select(v => Engines.Text(v) ?? "NULL").ToArray());
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), $"Two loads of 48,000 rows took {stopwatch.Elapsed}.");
    }

    private static IEnumerable<AgentExtendedRow> DayOfRows(long answered)
    {
        for (var slot = 0; slot < 96; slot++)
        {
            for (var agent = 0; agent < 500; agent++)
            {
                yield return Agent("A" + agent, "Q" + (agent % 20), At(0, 0).AddMinutes(15 * slot), answered: answered, agentName: "Agent " + agent);
            }
        }
    }
}
