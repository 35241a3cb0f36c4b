using System.Globalization;
using RcWarehouse.IntegrationTests.Support;
using Xunit;

namespace RcWarehouse.IntegrationTests.Cli;

/// <summary>
/// Agent statistics end to end: the simulator over 127.0.0.1, the rcwarehouse command line, a real SQLite file.
/// </summary>
public sealed class AgentStatsSyncTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Legacy_csv_legacy_xml_and_current_json_give_the_same_facts_and_other_measures()
    {
        // Given one sub-account's agent statistics pulled three ways: legacy CSV in UTC, legacy XML in US/Eastern, current JSON in UTC
        var sim = fixture.Simulator;
        var sub = sim.Credentials.SubAccountIds[0];
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-1);
        var (from, to) = (Text(day.AddHours(12)), Text(day.AddHours(15)));
        var variants = new[]
        {
            ("csv", CliSettingsFile.Source(sim, "legacy-csv", sub, "Legacy", "csv", "UTC")),
            ("xml", CliSettingsFile.Source(sim, "legacy-xml", sub, "Legacy", "xml", "US/Eastern")),
            ("json", CliSettingsFile.Source(sim, "current-json", sub, "Cx")),
        };

        // When each is synced into a warehouse of its own
        var results = new List<(string Facts, string Measures)>();
        foreach (var (name, source) in variants)
        {
            var settings = CliSettingsFile.Write(_temp.File($"{name}.json"), sim, _temp.File($"landing-{name}"), source);
            var database = _temp.File($"{name}.db");
            await CliRun.MigrateAsync($"Data Source={database}");
            var run = await CliRun.InvokeAsync("sync", "--from", from, "--to", to, "--report", "agent-stats", "--settings", settings, "--connection", $"Data Source={database}");
            Assert.True(run.ExitCode == 0, run.ToString());
            results.Add(await FactsAsync(new SqliteQueries(database), day.AddHours(12), day.AddHours(15)));
        }

        // Then the facts and the other measures of the window are the same, value for value, and there are some of each:
        // the simulator's ringing and hold times, which the loader has no columns for, are kept under one name per field
        Assert.Contains("|", results[0].Facts, StringComparison.Ordinal);
        Assert.Contains("| hold_dur |", results[0].Measures, StringComparison.Ordinal);
        Assert.Contains("| ringing_dur |", results[0].Measures, StringComparison.Ordinal);
        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
    }

    [Fact]
    public async Task Talk_and_wrap_up_agree_with_agent_extended_statistics_and_the_view_gives_the_ratios()
    {
        // Given a current-generation source synced with both agent reports (the default set includes agent-stats)
        var sim = fixture.Simulator;
        var settings = CliSettingsFile.Write(_temp.File("both.json"), sim, _temp.File("landing"), CliSettingsFile.Source(sim, "cx", sim.Credentials.SubAccountIds[1], "Cx"));
        var database = _temp.File("both.db");
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-1);
        await CliRun.MigrateAsync($"Data Source={database}");

        // When a morning is synced with the default reports
        var run = await CliRun.InvokeAsync("sync", "--from", Text(day.AddHours(13)), "--to", Text(day.AddHours(16)), "--settings", settings, "--connection", $"Data Source={database}");
        Assert.True(run.ExitCode == 0, run.ToString());

        // Then per agent and interval, talk and wrap-up equal the agent extended statistics summed over queues
        var db = new SqliteQueries(database);
        Assert.True(await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_agent_interval WHERE talking_call_dur_sec > 0") > 0);
        Assert.Equal(0L, await db.ScalarAsync<long>(
            """
            SELECT COUNT(*)
            FROM fact_agent_interval AS s
            LEFT JOIN (SELECT source_key, interval_key, agent_key, SUM(talking_call_dur_sec) AS talk, SUM(wrap_up_dur_sec) AS wrap, SUM(answ_call_cnt) AS answered
                       FROM fact_agent_queue_interval GROUP BY source_key, interval_key, agent_key) AS e
                ON e.source_key = s.source_key AND e.interval_key = s.interval_key AND e.agent_key = s.agent_key
            WHERE COALESCE(e.talk, 0) <> s.talking_call_dur_sec OR COALESCE(e.wrap, 0) <> s.wrap_up_dur_sec OR COALESCE(e.answered, 0) <> s.answ_call_cnt
            """));

        // And the view's occupancy and utilization follow their definitions and stay within 0..1 for the simulator's agents
        Assert.Equal(0L, await db.ScalarAsync<long>(
            """
            SELECT COUNT(*) FROM v_agent_interval
            WHERE utilization IS NOT ROUND(1.0 * (talking_call_dur_sec + wrap_up_dur_sec) / NULLIF(logged_in_dur_sec, 0), 4)
               OR occupancy IS NOT ROUND(1.0 * (talking_call_dur_sec + wrap_up_dur_sec) / NULLIF(logged_in_dur_sec - away_dur_sec, 0), 4)
               OR utilization > 1 OR occupancy > 1
            """));
        Assert.True(await db.ScalarAsync<long>("SELECT COUNT(*) FROM v_agent_interval WHERE occupancy > 0 AND utilization > 0") > 0);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status <> 'succeeded'"));
    }

    [Fact]
    public async Task Syncing_the_same_window_again_changes_nothing_in_the_star_schema()
    {
        // Given agent statistics synced for a settled window
        var sim = fixture.Simulator;
        var settings = CliSettingsFile.Write(_temp.File("again.json"), sim, _temp.File("landing"), CliSettingsFile.Source(sim, "legacy", sim.Credentials.SubAccountIds[0], "Legacy", "xml", "US/Eastern"));
        var database = _temp.File("again.db");
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-2);
        await CliRun.MigrateAsync($"Data Source={database}");
        string[] sync = ["sync", "--from", Text(day.AddHours(14)), "--to", Text(day.AddHours(16)), "--report", "agent-stats", "--settings", settings, "--connection", $"Data Source={database}"];
        Assert.Equal(0, (await CliRun.InvokeAsync(sync)).ExitCode);
        var once = await new SqliteQueries(database).DumpStarSchemaAsync();

        // When the same window is pulled and loaded again
        var again = await CliRun.InvokeAsync(sync);

        // Then every star-schema table is exactly as after the first load
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("fact_agent_interval_measure", once, StringComparison.Ordinal);
        Assert.Equal(once, await new SqliteQueries(database).DumpStarSchemaAsync());
    }

    private static string Text(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private static async Task<(string Facts, string Measures)> FactsAsync(SqliteQueries db, DateTime fromUtc, DateTime toUtc)
    {
        var range = string.Create(CultureInfo.InvariantCulture, $"BETWEEN {fromUtc:yyyyMMddHHmm} AND {toUtc.AddMinutes(-15):yyyyMMddHHmm}");
        var facts = await db.RowsAsync(
            $"""
            SELECT a.agent_id, f.interval_key, f.interval_minutes, f.logged_in_dur_sec, f.available_dur_sec, f.talking_call_dur_sec, f.wrap_up_dur_sec,
                   f.away_dur_sec, f.presented_call_cnt, f.answ_call_cnt, f.transfer_out_call_cnt
            FROM fact_agent_interval f JOIN dim_agent a ON a.agent_key = f.agent_key
            WHERE f.interval_key {range} ORDER BY 1, 2
            """);
        var measures = await db.RowsAsync(
            $"""
            SELECT a.agent_id, m.interval_key, m.measure_name, m.measure_value
            FROM fact_agent_interval_measure m JOIN dim_agent a ON a.agent_key = m.agent_key
            WHERE m.interval_key {range} ORDER BY 1, 2, 3
            """);
        static string Text(IEnumerable<object?[]> rows) =>
            string.Join("\n", rows.Select(r => string.Join(" | ", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));
        return (Text(facts), Text(measures));
    }
}
