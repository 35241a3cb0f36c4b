using Microsoft.Data.Sqlite;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.AgentExtended;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Dimensions.ReferenceData;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>
/// SQLite writes interval facts with foreign-key enforcement off inside the load transaction (SqliteDialect explains
/// why); these tests hold the fact writer to the integrity the constraints would have enforced.
/// </summary>
[Collection(WarehouseCollectionDefinition.Name)]
public sealed class WarehouseIntegrityTests(WarehouseFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IntervalLoads_OfEveryKind_LeaveNoRowWithoutItsParent_AndNoKeyOfAnotherSource()
    {
        // Given reference agents with a version split, then loads that infer members, span two days, correct and drop
        // rows on reload, repeat themselves, and fail half-way
        var w = await fixture.GetAsync(WarehouseProvider.Sqlite);
        var source = NewSource("fk");
        var other = NewSource("fk-other");
        await w.Warehouse.LoadReferenceAsync(Snapshot(source, Day, RedTeam()), Ct);
        await w.Warehouse.LoadReferenceAsync(Snapshot(source, Day.AddDays(1), RedTeam(a1Group: "G2")), Ct);
        await w.Warehouse.LoadAsync(Request(other, ReportKind.AgentExtended, Window(9, 10)), Stream([Agent("A1", "Q1", At(9, 0))]), Ct);
        AgentExtendedRow[] twoDays =
            [Agent("A1", "Q1", At(9, 0)), Agent("A9", "Q7", At(9, 15)), Agent("A1", "Q1", At(33, 0)), Agent("A2", "Q1", At(33, 45))];
        await w.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, null), Stream(twoDays), Ct);
        await w.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, null), Stream(twoDays), Ct);
        await w.Warehouse.LoadAsync(
            Request(source, ReportKind.AgentExtended, Window(9, 10)), Stream([Agent("A1", "Q1", At(9, 0), answered: 9), Agent("A3", "Q8", At(9, 30))]), Ct);
        await w.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(9, 10)), Stream([Queue("Q1", At(9, 0)), Queue("Q9", At(9, 45))]), Ct);
        await Assert.ThrowsAsync<InvalidDataException>(() => w.Warehouse.LoadAsync(
            Request(source, ReportKind.QueueStats, Window(9, 10)), Stream([Queue("Q5", At(9, 0)), Queue("Q5", At(9, 0))]), Ct));

        // Then SQLite finds no row whose parent is missing
        Assert.Empty(await w.QueryAsync("PRAGMA foreign_key_check;", Ct));

        // And every fact's members belong to the fact's own source
        Assert.Equal(0, await w.CountAsync("""
            SELECT COUNT(*)
            FROM fact_agent_queue_interval AS f
            INNER JOIN dim_agent AS a ON a.agent_key = f.agent_key
            INNER JOIN dim_queue AS q ON q.queue_key = f.queue_key
            WHERE a.source_key <> f.source_key OR q.source_key <> f.source_key
            """, Ct));
        Assert.Equal(0, await w.CountAsync(
            "SELECT COUNT(*) FROM fact_queue_interval AS f INNER JOIN dim_queue AS q ON q.queue_key = f.queue_key WHERE q.source_key <> f.source_key", Ct));

        // And A1's facts took the version valid on each day
        Assert.Equal(
            [["202601050900", "1900-01-01 00:00:00.000", "9"], ["202601060900", "2026-01-06 00:00:00.000", "4"]],
            (await w.QueryAsync("""
                SELECT f.interval_key, a.valid_from_utc, f.answ_call_cnt
                FROM fact_agent_queue_interval AS f
                INNER JOIN dim_agent AS a ON a.agent_key = f.agent_key
                INNER JOIN dim_source AS s ON s.source_key = f.source_key
                WHERE s.sub_account_id = @source AND a.agent_id = 'A1'
                ORDER BY f.interval_key
                """, Ct, ("@source", source))).Select(r => r.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray());
    }

    [Fact]
    public async Task AfterAnIntervalLoad_ConnectionsEnforceForeignKeysAgain()
    {
        var w = await fixture.GetAsync(WarehouseProvider.Sqlite);
        var source = NewSource("fk-on");
        await w.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(9, 10)), Stream([Queue("Q1", At(9, 0))]), Ct);

        Assert.Equal(1L, (await w.QueryAsync("PRAGMA foreign_keys;", Ct)).Single()[0]);
        var ex = await Assert.ThrowsAsync<SqliteException>(() => w.ExecuteAsync(
            "INSERT INTO dim_queue (source_key, queue_id, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current) VALUES (-42, 'orphan', 1, 1, '1900-01-01 00:00:00.000', '9999-12-31 00:00:00.000', 1);",
            Ct));
        Assert.Contains("FOREIGN KEY constraint failed", ex.Message, StringComparison.Ordinal);
    }
}
