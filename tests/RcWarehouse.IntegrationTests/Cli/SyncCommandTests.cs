using System.Globalization;
using RcWarehouse.IntegrationTests.Support;
using Xunit;

namespace RcWarehouse.IntegrationTests.Cli;

public sealed class SyncCommandTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_same_window_as_legacy_csv_legacy_xml_and_current_json_gives_the_same_facts()
    {
        // Given one sub-account pulled three ways: legacy CSV in UTC, legacy XML in US/Eastern, current JSON in UTC
        var sim = fixture.Simulator;
        var sub = sim.Credentials.SubAccountIds[0];
        // (yesterday's 14:00-17:00 UTC, the simulator's business morning in New York: calls to compare even when yesterday
        // was a weekend day, which its night hours do not promise)
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-1);
        var from = day.AddHours(14).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        var to = day.AddHours(17).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        var variants = new[]
        {
            ("csv", CliSettingsFile.Source(sim, "legacy-csv", sub, "Legacy", "csv", "UTC")),
            ("xml", CliSettingsFile.Source(sim, "legacy-xml", sub, "Legacy", "xml", "US/Eastern")),
            ("json", CliSettingsFile.Source(sim, "current-json", sub, "Cx")),
        };

        // When each is synced into a warehouse of its own
        var facts = new List<(string Agents, string Queues)>();
        foreach (var (name, source) in variants)
        {
            var settings = CliSettingsFile.Write(_temp.File($"{name}.json"), sim, _temp.File($"landing-{name}"), source);
            var database = _temp.File($"{name}.db");
            await CliRun.MigrateAsync($"Data Source={database}");
            var run = await CliRun.InvokeAsync(
                "sync", "--from", from, "--to", to, "--report", "agent-extended,queue-stats", "--settings", settings, "--connection", $"Data Source={database}");
            Assert.True(run.ExitCode == 0, run.ToString());
            facts.Add(await FactsAsync(new SqliteQueries(database), day.AddHours(14), day.AddHours(17)));
        }

        // Then the facts of the window are the same, value for value, and there are some
        Assert.Contains("|", facts[0].Agents, StringComparison.Ordinal);
        Assert.Contains("|", facts[0].Queues, StringComparison.Ordinal);
        Assert.Equal(facts[0], facts[1]);
        Assert.Equal(facts[0], facts[2]);
    }

    [Fact]
    public async Task Secrets_never_reach_output_landed_files_or_manifests()
    {
        var sim = fixture.Simulator;
        var landing = _temp.File("landing");
        var settings = CliSettingsFile.Write(
            _temp.File("settings.json"), sim, landing, CliSettingsFile.Source(sim, "cx", sim.Credentials.SubAccountIds[1], "Cx"));
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await CliRun.MigrateAsync($"Data Source={_temp.File("w.db")}");
        var run = await CliRun.InvokeAsync(
            "sync", "--from", day + "T06:00", "--to", day + "T09:00", "--settings", settings, "--connection", $"Data Source={_temp.File("w.db")}", "--verbose");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("landed", run.Error + run.Out, StringComparison.OrdinalIgnoreCase);
        var everything = run.Out + run.Error + string.Concat(Directory.EnumerateFiles(landing, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.DoesNotContain(sim.Credentials.ClientSecret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(sim.Credentials.Jwt, everything, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.EnumerateFiles(landing, "*.manifest.json", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_legacy_answer_running_to_now_moves_the_watermark_only_to_the_settled_intervals()
    {
        // Given a legacy source, whose aggregate answer has no end date and runs up to the moment it is served
        var sim = fixture.Simulator;
        var landing = _temp.File("landing");
        var settings = CliSettingsFile.Write(
            _temp.File("legacy.json"), sim, landing, CliSettingsFile.Source(sim, "legacy", sim.Credentials.SubAccountIds[0], "Legacy"));
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var database = _temp.File("w.db");
        await CliRun.MigrateAsync($"Data Source={database}");

        // When today is synced
        var run = await CliRun.InvokeAsync(
            "sync", "--from", now.Date.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--to", now.AddHours(1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            "--report", "queue-stats", "--settings", settings, "--connection", $"Data Source={database}");

        // Then the landed window reaches past the settled part, but the watermark stops where settled intervals end
        Assert.True(run.ExitCode == 0, run.ToString());
        var manifest = await Core.Landing.LandingManifest.ReadAsync(
            Directory.EnumerateFiles(landing, "*.manifest.json", SearchOption.AllDirectories).Single(), TestContext.Current.CancellationToken);
        Assert.NotNull(manifest.SettledUntilUtc);
        Assert.True(manifest.WindowEndUtc > manifest.SettledUntilUtc);
        var watermark = DateTime.Parse(
            await new SqliteQueries(database).ScalarAsync<string>("SELECT loaded_through_utc FROM watermark WHERE report = 'queue-stats'"),
            CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        Assert.Equal(manifest.SettledUntilUtc!.Value, watermark);
        Assert.True(watermark <= now.AddMinutes(-5), $"watermark {watermark:O} is not behind now {now:O} minus the settle delay");
    }

    [Fact]
    public async Task Sync_without_configured_sources_is_a_usage_error()
    {
        await CliRun.MigrateAsync($"Data Source={_temp.File("w.db")}");
        var run = await CliRun.InvokeAsync("sync", "--from", "2026-11-01", "--to", "2026-11-02", "--connection", $"Data Source={_temp.File("w.db")}");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no RingCX sources are configured", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_loads_a_day_of_every_report_for_two_sub_accounts()
    {
        var settings = _temp.File("demo.json");
        await File.WriteAllTextAsync(settings, $$"""{ "RingCx": { "LandingPath": "{{_temp.File("landing").Replace("\\", "\\\\", StringComparison.Ordinal)}}" } }""", TestContext.Current.CancellationToken);
        var database = _temp.File("demo.db");

        var run = await CliRun.InvokeAsync("demo", "--settings", settings, "--connection", $"Data Source={database}");

        Assert.True(run.ExitCode == 0, run.ToString());
        var db = new SqliteQueries(database);
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT COUNT(DISTINCT source_key) FROM fact_agent_queue_interval"));
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT COUNT(DISTINCT source_key) FROM fact_queue_interval"));
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT COUNT(DISTINCT source_key) FROM fact_segment"));
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT COUNT(DISTINCT source_key) FROM fact_agent_interval"));
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT COUNT(DISTINCT source_key) FROM fact_agent_interval_measure"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status <> 'succeeded'"));
    }

    private static async Task<(string Agents, string Queues)> FactsAsync(SqliteQueries db, DateTime fromUtc, DateTime toUtc)
    {
        var range = string.Create(CultureInfo.InvariantCulture, $"BETWEEN {fromUtc:yyyyMMddHHmm} AND {toUtc.AddMinutes(-15):yyyyMMddHHmm}");
        var agents = await db.RowsAsync(
            $"""
            SELECT a.agent_id, q.queue_id, f.interval_key, f.interval_minutes, f.talking_call_dur_sec, f.wrap_up_dur_sec, f.answ_call_cnt, f.transfer_out_call_cnt
            FROM fact_agent_queue_interval f JOIN dim_agent a ON a.agent_key = f.agent_key JOIN dim_queue q ON q.queue_key = f.queue_key
            WHERE f.interval_key {range} ORDER BY 1, 2, 3
            """);
        var queues = await db.RowsAsync(
            $"""
            SELECT q.queue_id, f.interval_key, f.interval_minutes, f.offd_direct_call_cnt, f.overflow_in_call_cnt, f.aband_call_cnt, f.overflow_out_call_cnt,
                   f.answ_call_cnt, f.queued_and_answ_call_dur_sec, f.queued_and_aband_call_dur_sec, f.talking_call_dur_sec, f.wrap_up_dur_sec,
                   f.queued_answ_longest_que_dur_sec, f.queued_aband_longest_que_dur_sec, f.ans_servicelevel_cnt, f.wait_dur_sec,
                   f.aband_short_call_cnt, f.aband_within_sl_cnt
            FROM fact_queue_interval f JOIN dim_queue q ON q.queue_key = f.queue_key
            WHERE f.interval_key {range} ORDER BY 1, 2
            """);
        static string Text(IEnumerable<object?[]> rows) =>
            string.Join("\n", rows.Select(r => string.Join(" | ", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));
        return (Text(agents), Text(queues));
    }
}
