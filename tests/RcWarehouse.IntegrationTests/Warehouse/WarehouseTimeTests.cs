using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Warehouse;

[Collection(WarehouseCollectionDefinition.Name)]
public sealed class WarehouseTimeTests(WarehouseFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task AgentKey_IsTheVersionValidAtTheIntervalStart(WarehouseProvider provider)
    {
        // Given agent A1 inferred by a first load, then split into two versions at 12:00 (as the SCD2 load will do)
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("pit");
        await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, null), Stream([Agent("A1", "Q1", At(8, 0), agentName: "Ann")]), Ct);
        var sourceKey = (await warehouse.QueryAsync("SELECT source_key FROM {dim_source} WHERE sub_account_id = @source", Ct, ("@source", source))).Single()[0];
        await warehouse.ExecuteAsync(
            "UPDATE {dim_agent} SET valid_to_utc = @split, is_current = 0, agent_group_name = 'Team A' WHERE source_key = @source_key AND agent_id = 'A1'",
            Ct,
            ("@split", At(12, 0)),
            ("@source_key", sourceKey));
        await warehouse.ExecuteAsync(
            """
            INSERT INTO {dim_agent} (source_key, agent_id, agent_name, agent_group_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
            VALUES (@source_key, 'A1', 'Ann', 'Team B', 1, 0, @split, @end, 1)
            """,
            Ct,
            ("@source_key", sourceKey),
            ("@split", At(12, 0)),
            ("@end", new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc)));

        // When intervals on both sides of the split are loaded
        await warehouse.Warehouse.LoadAsync(
            Request(source, ReportKind.AgentExtended, Window(11, 13)),
            Stream([Agent("A1", "Q1", At(11, 45), agentName: "Ann"), Agent("A1", "Q1", At(12, 0), agentName: "Ann")]),
            Ct);

        // Then each fact points at the version valid at its interval start, and no new version was inferred
        var facts = await AgentGroupByIntervalAsync(warehouse, sourceKey);
        Assert.Equal(
            [["202601050800", "Team A"], ["202601051145", "Team A"], ["202601051200", "Team B"]],
            facts);
        Assert.Equal(2, await warehouse.CountAsync("SELECT COUNT(*) FROM {dim_agent} WHERE source_key = @source_key", Ct, ("@source_key", sourceKey)));
    }

    [Fact]
    public async Task AgentKey_OnSqlite_ComparesVersionTimesNotInTheWarehousesFormatAsText_AsTheSqlLookupDoes()
    {
        // Given agent A1 split at 12:00 by hand, with the split written as ISO text ('T' sorts after the warehouse's
        // space), not in the warehouse's own format: as text, every time on that day is before it
        var warehouse = await fixture.GetAsync(WarehouseProvider.Sqlite);
        var source = NewSource("pit-text");
        await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, null), Stream([Agent("A1", "Q1", At(8, 0), agentName: "Ann")]), Ct);
        var sourceKey = (await warehouse.QueryAsync("SELECT source_key FROM {dim_source} WHERE sub_account_id = @source", Ct, ("@source", source))).Single()[0];
        await warehouse.ExecuteAsync(
            "UPDATE {dim_agent} SET valid_to_utc = @split, is_current = 0, agent_group_name = 'Team A' WHERE source_key = @source_key AND agent_id = 'A1'",
            Ct,
            ("@split", "2026-01-05T12:00:00"),
            ("@source_key", sourceKey));
        await warehouse.ExecuteAsync(
            """
            INSERT INTO {dim_agent} (source_key, agent_id, agent_name, agent_group_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
            VALUES (@source_key, 'A1', 'Ann', 'Team B', 1, 0, @split, '9999-12-31 00:00:00.000', 1)
            """,
            Ct,
            ("@source_key", sourceKey),
            ("@split", "2026-01-05T12:00:00"));

        // When intervals on both sides of 12:00 are loaded
        await warehouse.Warehouse.LoadAsync(
            Request(source, ReportKind.AgentExtended, Window(11, 13)),
            Stream([Agent("A1", "Q1", At(11, 45), agentName: "Ann"), Agent("A1", "Q1", At(12, 0), agentName: "Ann")]),
            Ct);

        // Then both facts take the first version, as the text comparison of a SQL lookup would, not the time it spells
        var facts = await AgentGroupByIntervalAsync(warehouse, sourceKey);
        Assert.Equal(
            [["202601050800", "Team A"], ["202601051145", "Team A"], ["202601051200", "Team A"]],
            facts);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task DimInterval_CarriesNewYorkLocalColumnsAcrossTheSpringForwardChange(WarehouseProvider provider)
    {
        // Given New York as the business zone and a window around 2026-03-08 07:00Z (02:00 EST becomes 03:00 EDT)
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("dst");
        var window = new UtcWindow(new DateTime(2026, 3, 8, 6, 30, 0, DateTimeKind.Utc), new DateTime(2026, 3, 8, 7, 15, 0, DateTimeKind.Utc));

        // When a batch covers it
        await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, window), Stream([Queue("Q1", window.StartUtc)]), Ct);

        // Then each slot the batch touched has its local start, date, time, hour, ISO day of week and weekend flag
        var slots = await warehouse.QueryAsync(
            """
            SELECT interval_key, start_utc, local_start, local_date, local_time, local_hour, day_of_week, is_weekend
            FROM {dim_interval}
            WHERE interval_key >= 202603080630 AND interval_key < 202603080715
            ORDER BY interval_key
            """,
            Ct);
        var actual = slots.Select(r => r.Select(Engines.Text).ToArray()).ToArray();
        foreach (var row in actual)
        {
            row[3] = row[3]?[..10]; // SQL Server returns the date column as a DateTime at midnight
        }

        Assert.Equal(
            [
                ["202603080630", "2026-03-08 06:30:00.000", "2026-03-08 01:30:00.000", "2026-03-08", "01:30:00", "1", "7", "1"],
                ["202603080645", "2026-03-08 06:45:00.000", "2026-03-08 01:45:00.000", "2026-03-08", "01:45:00", "1", "7", "1"],
                ["202603080700", "2026-03-08 07:00:00.000", "2026-03-08 03:00:00.000", "2026-03-08", "03:00:00", "3", "7", "1"],
            ],
            actual);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Watermark_AdvancesToTheWindowEndAndNeverMovesBack(WarehouseProvider provider)
    {
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("wm");

        // Given an intraday load of 10:00-11:00
        await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(10, 11)), Stream([Queue("Q1", At(10, 0))]), Ct);
        var first = await WatermarkAsync(warehouse, source);
        var loadedAt = fixture.Clock.GetUtcNow().UtcDateTime;

        // When a rerun of an earlier hour follows
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(8, 9)), Stream([Queue("Q1", At(8, 0))]), Ct);
        var afterRerun = await WatermarkAsync(warehouse, source);

        // And then the next hour
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(11, 12)), Stream([Queue("Q1", At(11, 15))]), Ct);
        var afterNext = await WatermarkAsync(warehouse, source);

        // Then the watermark went to 11:00, stayed there (untouched) for the rerun, and moved to 12:00 with the next hour
        Assert.Equal(["queue-stats", "2026-01-05 11:00:00.000", Engines.Text(loadedAt)!], first);
        Assert.Equal(first, afterRerun);
        Assert.Equal(["queue-stats", "2026-01-05 12:00:00.000", Engines.Text(fixture.Clock.GetUtcNow().UtcDateTime)!], afterNext);
    }

    private static async Task<string[]> WatermarkAsync(TestWarehouse warehouse, string source)
    {
        var rows = await warehouse.QueryAsync(
            """
            SELECT w.report, w.loaded_through_utc, w.updated_utc
            FROM {watermark} AS w INNER JOIN {dim_source} AS s ON s.source_key = w.source_key
            WHERE s.sub_account_id = @source
            """,
            Ct,
            ("@source", source));
        return rows.Single().Select(v => Engines.Text(v) ?? "NULL").ToArray();
    }

    // Each fact of the source with the agent group of the dim_agent version it points at, by interval.
    private static async Task<string?[][]> AgentGroupByIntervalAsync(TestWarehouse warehouse, object? sourceKey) =>
        (await warehouse.QueryAsync(
            """
            SELECT f.interval_key, a.agent_group_name
            FROM {fact_agent_queue_interval} AS f
            INNER JOIN {dim_agent} AS a ON a.agent_key = f.agent_key
            WHERE f.source_key = @source_key
            ORDER BY f.interval_key
            """,
            Ct,
            ("@source_key", sourceKey))).Select(r => r.Select(Engines.Text).ToArray()).ToArray();
}
