using System.Globalization;
using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>Agent statistics in the warehouse: facts and other measures replaced together, the view's ratios.</summary>
[Collection(WarehouseCollectionDefinition.Name)]
public sealed class AgentStatsWarehouseTests(WarehouseFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Corrections_ReplaceFactsAndOtherMeasuresOfTheWindow(WarehouseProvider provider)
    {
        // Given agent statistics for A1 and A2 in the 10:00 hour, with other measures
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("astfix");
        await warehouse.Warehouse.LoadAsync(
            Request(source, ReportKind.AgentStats, Window(10, 11)),
            Stream(
            [
                AgentState("A1", At(10, 0), agentName: "Ann", others: [new("ringing_dur", 20m), new("hold_dur", 12m)]),
                AgentState("A2", At(10, 0), others: [new("ringing_dur", 5m)]),
                AgentState("A1", At(10, 45), others: [new("ringing_dur", 1m)]),
            ]),
            Ct);

        // When a corrected file for the same window changes A1 10:00 (talk time and one measure, drops the other, adds a
        // new one), keeps A2 identical, and no longer has A1 10:45
        var corrected = await warehouse.Warehouse.LoadAsync(
            Request(source, ReportKind.AgentStats, Window(10, 11)),
            Stream(
            [
                AgentState("A1", At(10, 0), agentName: "Ann", talking: 500m, others: [new("ringing_dur", 25.5m), new("aux_break_dur", 30m)]),
                AgentState("A2", At(10, 0), others: [new("ringing_dur", 5m)]),
            ]),
            Ct);

        // Then the window holds exactly the corrected facts and measures; the unchanged ones keep their first batch
        var batch = corrected.LoadBatchId.ToString(CultureInfo.InvariantCulture);
        var facts = await RowsAsync(warehouse, """
            SELECT a.agent_id, f.interval_key, f.talking_call_dur_sec, CASE WHEN f.load_batch_id = @batch THEN 1 ELSE 0 END
            FROM {fact_agent_interval} AS f
            INNER JOIN {dim_agent} AS a ON a.agent_key = f.agent_key
            INNER JOIN {dim_source} AS s ON s.source_key = f.source_key
            WHERE s.sub_account_id = @source
            ORDER BY a.agent_id, f.interval_key
            """, source, batch);
        Assert.Equal([["A1", "202601051000", "500", "1"], ["A2", "202601051000", "400.5", "0"]], facts);
        var measures = await RowsAsync(warehouse, """
            SELECT a.agent_id, m.interval_key, m.measure_name, m.measure_value, CASE WHEN m.load_batch_id = @batch THEN 1 ELSE 0 END
            FROM {fact_agent_interval_measure} AS m
            INNER JOIN {dim_agent} AS a ON a.agent_key = m.agent_key
            INNER JOIN {dim_source} AS s ON s.source_key = m.source_key
            WHERE s.sub_account_id = @source
            ORDER BY a.agent_id, m.interval_key, m.measure_name
            """, source, batch);
        Assert.Equal(
            [
                ["A1", "202601051000", "aux_break_dur", "30", "1"],
                ["A1", "202601051000", "ringing_dur", "25.5", "1"],
                ["A2", "202601051000", "ringing_dur", "5", "0"],
            ],
            measures);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ARepeatedAgentAndInterval_IsRefusedAndNothingIsPublished(WarehouseProvider provider)
    {
        // Given a batch that carries agent A1 at 10:00 twice
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("astdup");

        // When it is loaded
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => warehouse.Warehouse.LoadAsync(
            Request(source, ReportKind.AgentStats, Window(10, 11)),
            Stream([AgentState("A1", At(10, 0)), AgentState("A2", At(10, 0)), AgentState("A1", At(10, 0), talking: 1m)]),
            Ct));

        // Then it is refused naming the repeated key, the file, and nothing reached the facts
        Assert.Contains("same key more than once", error.Message, StringComparison.Ordinal);
        // (the same words on both engines: the keys in the grain's order, and how many copies)
        Assert.Contains("same key more than once: agent_id=A1, interval_key=202601051000 (2 rows).", error.Message, StringComparison.Ordinal);
        Assert.Contains("landing/", error.Message, StringComparison.Ordinal);
        var facts = await RowsAsync(warehouse, """
            SELECT COUNT(*) FROM {fact_agent_interval} AS f
            INNER JOIN {dim_source} AS s ON s.source_key = f.source_key
            WHERE s.sub_account_id = @source
            """, source, "0");
        Assert.Equal([["0"]], facts);
        var batches = await warehouse.Warehouse.GetBatchesAsync(source, 10, Ct);
        Assert.Equal("failed", Assert.Single(batches).Status);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TheView_GivesOccupancyAndUtilization_NullOnZeroOrMissingDenominators(WarehouseProvider provider)
    {
        // Given an agent busy 500 of 900 s with 150 s away, one logged in for nothing, one away the whole time, and one
        // whose answer had no logged-in time at all
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("astview");
        await warehouse.Warehouse.LoadAsync(
            Request(source, ReportKind.AgentStats, Window(10, 11)),
            Stream(
            [
                AgentState("A1", At(10, 0), loggedIn: 900m, talking: 400m, away: 150m),
                AgentState("A2", At(10, 0), loggedIn: 0m, talking: 0m, away: 0m) with { WrapUpDurSec = 0m },
                AgentState("A3", At(10, 0), loggedIn: 600m, talking: 0m, away: 600m) with { WrapUpDurSec = 0m },
                AgentState("A4", At(10, 0)) with { LoggedInDurSec = null },
            ]),
            Ct);

        // When the view is read
        var rows = await RowsAsync(warehouse, """
            SELECT v.agent_id, v.occupancy, v.utilization
            FROM {v_agent_interval} AS v
            WHERE v.sub_account_id = @source
            ORDER BY v.agent_id
            """, source, "0");

        // Then occupancy = (talk + wrap) / (logged in - away) and utilization = (talk + wrap) / logged in, NULL where undefined
        Assert.Equal(
            [
                ["A1", "0.6667", "0.5556"],
                ["A2", null, null],
                ["A3", null, "0"],
                ["A4", null, null],
            ],
            rows);
    }

    private static async Task<string?[][]> RowsAsync(TestWarehouse warehouse, string sql, string source, string batch) =>
        [.. (await warehouse.QueryAsync(sql, Ct, ("@source", source), ("@batch", long.Parse(batch, CultureInfo.InvariantCulture))))
            .Select(r => r.Select(Engines.Text).ToArray())];
}
