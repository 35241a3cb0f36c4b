using System.Globalization;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.AgentExtended;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>
/// SQLite writes an interval report's first load of a window (known up front, its slots holding no fact of the source)
/// by plain INSERTs, and every other load (window unknown, or slots already holding facts) through the keys table and
/// the upsert. Both routes must refuse, replace and leave alone exactly alike.
/// </summary>
[Collection(WarehouseCollectionDefinition.Name)]
public sealed class SqliteFirstLoadTests(WarehouseFixture fixture)
{
    public enum Route
    {
        WindowUnknown,
        FirstLoad,
        SlotsHoldFacts,
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Route.FirstLoad, 1, 3)]
    [InlineData(Route.FirstLoad, 5, 150)]
    [InlineData(Route.WindowUnknown, 1, 3)]
    [InlineData(Route.WindowUnknown, 5, 150)]
    [InlineData(Route.SlotsHoldFacts, 1, 3)]
    [InlineData(Route.SlotsHoldFacts, 5, 150)]
    public async Task RepeatedGrain_IsRefusedNamingBothRows_OnEveryRoute(Route route, int first, int repeat)
    {
        // Given (for the reload route) a fact of the source already in the window
        var warehouse = await fixture.GetAsync(WarehouseProvider.Sqlite);
        var source = NewSource("rep");
        if (route == Route.SlotsHoldFacts)
        {
            await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, Window(9, 10)), Stream([Agent("B1", "Q1", At(9, 45))]), Ct);
        }

        var factsBefore = await FactsAsync(warehouse, source);
        var agentsBefore = await AgentsAsync(warehouse, source);

        // When a batch of 150 rows (two statements' worth) carries row `first`'s grain again at row `repeat`
        var rows = Enumerable.Range(1, 150).Select(n => Agent(AgentOf(n == repeat ? first : n), "Q1", At(9, 0), answered: n)).ToArray();
        var ex = await Assert.ThrowsAsync<InvalidDataException>(
            () => warehouse.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, route == Route.WindowUnknown ? null : Window(9, 10)), Stream(rows), Ct));

        // Then the refusal names the keys and both rows (never a measure), the batch is failed, and no fact or member of
        // the source moved
        Assert.EndsWith(
            string.Create(CultureInfo.InvariantCulture, $"The batch carries the same key more than once: agent_id={AgentOf(first)}, queue_id=Q1, interval_key=202601050900 (data rows {first} and {repeat})."),
            ex.Message,
            StringComparison.Ordinal);
        Assert.Equal("failed", (await warehouse.Warehouse.GetBatchesAsync(source, 1, Ct))[0].Status);
        Assert.Equal(factsBefore, await FactsAsync(warehouse, source));
        Assert.Equal(agentsBefore, await AgentsAsync(warehouse, source));
    }

    [Theory]
    [InlineData(Route.FirstLoad)]
    [InlineData(Route.WindowUnknown)]
    public async Task CorrectionAndIdenticalReload_AfterAFirstLoadOfEitherRoute_ReplaceExactlyAndChangeNothing(Route firstRoute)
    {
        // Given a first load of the 9:00 hour by either route
        var warehouse = await fixture.GetAsync(WarehouseProvider.Sqlite);
        var source = NewSource("fix");
        UtcWindow? firstWindow = firstRoute == Route.FirstLoad ? Window(9, 10) : null;
        AgentExtendedRow[] original = [Agent("A1", "Q1", At(9, 0)), Agent("A2", "Q1", At(9, 0)), Agent("A1", "Q1", At(9, 45))];
        var first = await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, firstWindow), Stream(original), Ct);
        Assert.Equal(3, first.RowsLoaded);
        Assert.Equal([["A1", "202601050900", "4"], ["A1", "202601050945", "4"], ["A2", "202601050900", "4"]], await FactsAsync(warehouse, source));

        // When the same rows are loaded again, then a correction changes A1 9:00 and drops the other two
        var once = await warehouse.DumpAsync(Ct);
        await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, Window(9, 10)), Stream(original), Ct);
        var twice = await warehouse.DumpAsync(Ct);
        await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, Window(9, 10)), Stream([Agent("A1", "Q1", At(9, 0), answered: 99)]), Ct);

        // Then the identical reload changed nothing, and the window holds exactly the corrected row
        Assert.Equal(once, twice);
        Assert.Equal([["A1", "202601050900", "99"]], await FactsAsync(warehouse, source));
    }

    [Fact]
    public async Task FirstLoadOfAWindow_NextToAnotherSourcesFactsInTheSameSlots_WritesOnlyItsOwn()
    {
        // Given another source's facts in the 9:00 slot
        var warehouse = await fixture.GetAsync(WarehouseProvider.Sqlite);
        var other = NewSource("oth");
        var source = NewSource("own");
        await warehouse.Warehouse.LoadAsync(Request(other, ReportKind.AgentExtended, Window(9, 10)), Stream([Agent("A1", "Q1", At(9, 0), answered: 7)]), Ct);

        // When this source first loads the same hour with the same ids
        await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, Window(9, 10)), Stream([Agent("A1", "Q1", At(9, 0)), Agent("A2", "Q1", At(9, 15))]), Ct);

        // Then each source holds its own facts
        Assert.Equal([["A1", "202601050900", "7"]], await FactsAsync(warehouse, other));
        Assert.Equal([["A1", "202601050900", "4"], ["A2", "202601050915", "4"]], await FactsAsync(warehouse, source));
    }

    private static string AgentOf(int row) => "A" + row.ToString(CultureInfo.InvariantCulture);

    private static Task<long> AgentsAsync(TestWarehouse warehouse, string source) =>
        warehouse.CountAsync("SELECT COUNT(*) FROM {dim_agent} AS a INNER JOIN {dim_source} AS s ON s.source_key = a.source_key WHERE s.sub_account_id = @source", Ct, ("@source", source));

    private static async Task<string?[][]> FactsAsync(TestWarehouse warehouse, string source) =>
        [.. (await warehouse.QueryAsync(
            """
            SELECT a.agent_id, f.interval_key, f.answ_call_cnt
            FROM {fact_agent_queue_interval} AS f
            INNER JOIN {dim_agent} AS a ON a.agent_key = f.agent_key
            INNER JOIN {dim_source} AS s ON s.source_key = f.source_key
            WHERE s.sub_account_id = @source
            ORDER BY a.agent_id, f.interval_key
            """,
            Ct,
            ("@source", source))).Select(r => r.Select(Engines.Text).ToArray())];
}
