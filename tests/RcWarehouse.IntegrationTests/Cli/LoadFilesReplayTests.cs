using System.Globalization;
using RcWarehouse.Core.Landing;
using RcWarehouse.IntegrationTests.Support;
using Xunit;

namespace RcWarehouse.IntegrationTests.Cli;

/// <summary>load-files over a real landing zone (sync-reference and sync against the simulator), and its --source.</summary>
public sealed class LoadFilesReplayTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IDisposable
{
    private const string FactsByMember = """
        SELECT f.interval_key, a.agent_id, a.is_inferred, q.queue_id, f.answ_call_cnt, f.talking_call_dur_sec
        FROM fact_agent_queue_interval AS f
        INNER JOIN dim_agent AS a ON a.agent_key = f.agent_key
        INNER JOIN dim_queue AS q ON q.queue_key = f.queue_key
        ORDER BY f.interval_key, a.agent_id, q.queue_id
        """;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Replaying_a_real_landing_zone_loads_reference_snapshots_then_reports_like_the_original_run()
    {
        // Given a landing zone made by two reference syncs and a sync of three hours
        var (settings, landing, original) = await LandedAsync();

        // When the whole landing zone is loaded into a fresh warehouse
        var replayed = _temp.File("replayed.db");
        await CliRun.MigrateAsync($"Data Source={replayed}");
        var run = await CliRun.InvokeAsync("load-files", landing, "--settings", settings, "--connection", $"Data Source={replayed}");

        // Then it succeeds, both snapshots were loaded in order before the reports, and the warehouse matches the original
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("2 reference snapshot(s) and 2 file(s) loaded", run.Out, StringComparison.Ordinal);
        var db = new SqliteQueries(replayed);
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE report = 'reference' AND status = 'succeeded'"));
        Assert.True(await db.ScalarAsync<long>("SELECT COUNT(*) FROM dim_agent WHERE is_inferred = 0") > 0);
        Assert.Equal(
            await original.ScalarAsync<long>("SELECT COUNT(*) FROM dim_agent WHERE is_inferred = 0"),
            await db.ScalarAsync<long>("SELECT COUNT(*) FROM dim_agent WHERE is_inferred = 0"));
        Assert.Equal(await DumpAsync(original, FactsByMember), await DumpAsync(db, FactsByMember));
        var reference = await db.ScalarAsync<long>("SELECT MAX(load_batch_id) FROM load_batch WHERE report = 'reference'");
        var firstReport = await db.ScalarAsync<long>("SELECT MIN(load_batch_id) FROM load_batch WHERE report <> 'reference'");
        Assert.True(reference < firstReport);
    }

    [Fact]
    public async Task Replaying_one_report_skips_the_reference_snapshots_with_a_note()
    {
        var (settings, landing, _) = await LandedAsync();
        await CliRun.MigrateAsync($"Data Source={_temp.File("narrow.db")}");

        var run = await CliRun.InvokeAsync(
            "load-files", landing, "--report", "queue-stats", "--settings", settings, "--connection", $"Data Source={_temp.File("narrow.db")}");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("note: 2 reference snapshot(s)", run.Out, StringComparison.Ordinal);
        Assert.Contains("--report queue-stats narrows the load", run.Out, StringComparison.Ordinal);
        Assert.Contains("note: 1 landed file(s) of other reports not loaded", run.Out, StringComparison.Ordinal);
        var db = new SqliteQueries(_temp.File("narrow.db"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE report <> 'queue-stats'"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE report = 'queue-stats' AND status = 'succeeded'"));
    }

    [Fact]
    public async Task Source_takes_a_configured_name_or_sub_account_id_and_refuses_anything_else_listing_the_sources()
    {
        // Given one landed queue-stats file and a configured source named "sim"
        var (settings, landing, _) = await LandedAsync();
        var file = Directory.EnumerateFiles(landing, "*.json", SearchOption.AllDirectories)
            .Single(f => f.Contains("queue-stats", StringComparison.Ordinal) && !f.EndsWith(LandingManifest.Suffix, StringComparison.Ordinal));
        var sub = fixture.Simulator.Credentials.SubAccountIds[0];

        // When it is loaded with --source as the name, as the sub-account id, and as something else
        await CliRun.MigrateAsync($"Data Source={_temp.File("name.db")}");
        await CliRun.MigrateAsync($"Data Source={_temp.File("id.db")}");
        var byName = await CliRun.InvokeAsync("load-files", file, "--source", "SIM", "--settings", settings, "--connection", $"Data Source={_temp.File("name.db")}");
        var byId = await CliRun.InvokeAsync("load-files", file, "--source", sub, "--settings", settings, "--connection", $"Data Source={_temp.File("id.db")}");
        var bogus = await CliRun.InvokeAsync("load-files", file, "--source", "bogus", "--settings", settings, "--connection", $"Data Source={_temp.File("bogus.db")}");

        // Then the first two load into the configured sub-account, and the third is refused naming what is configured
        Assert.True(byName.ExitCode == 0, byName.ToString());
        Assert.True(byId.ExitCode == 0, byId.ToString());
        foreach (var database in new[] { "name.db", "id.db" })
        {
            var rows = await new SqliteQueries(_temp.File(database)).RowsAsync("SELECT sub_account_id, source_name FROM dim_source");
            var row = Assert.Single(rows);
            Assert.Equal([sub, "sim"], row.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
        }

        Assert.Equal(2, bogus.ExitCode);
        Assert.Contains($"--source 'bogus' is not a configured source name or sub-account id; configured: sim (sub-account {sub})", bogus.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("bogus.db")) && await new SqliteQueries(_temp.File("bogus.db")).ScalarAsync<long>("SELECT COUNT(*) FROM dim_source") > 0);
    }

    [Fact]
    public async Task Source_as_a_name_with_no_sources_configured_is_refused_before_anything_loads()
    {
        var file = _temp.File("q.csv");
        await File.WriteAllTextAsync(file, "interval,date_from,time,queue,queue_name\n", TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync(
            "load-files", file, "--report", "queue-stats", "--source", "sales", "--time-zone", "UTC", "--connection", $"Data Source={_temp.File("w.db")}");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--source 'sales' is not a sub-account id, and no RingCX sources are configured", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("w.db")));
    }

    private async Task<(string Settings, string Landing, SqliteQueries Original)> LandedAsync()
    {
        var sim = fixture.Simulator;
        var landing = _temp.File("landing");
        var settings = CliSettingsFile.Write(_temp.File("settings.json"), sim, landing, CliSettingsFile.Source(sim, "sim", sim.Credentials.SubAccountIds[0], "Cx"));
        var database = _temp.File("original.db");
        if (!File.Exists(database))
        {
            var connection = $"Data Source={database}";
            await CliRun.MigrateAsync(connection);
            foreach (var _ in Enumerable.Range(0, 2))
            {
                var reference = await CliRun.InvokeAsync("sync-reference", "--settings", settings, "--connection", connection);
                Assert.True(reference.ExitCode == 0, reference.ToString());
            }

            var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var sync = await CliRun.InvokeAsync(
                "sync", "--from", day + "T09:00", "--to", day + "T12:00", "--report", "agent-extended,queue-stats", "--settings", settings, "--connection", connection);
            Assert.True(sync.ExitCode == 0, sync.ToString());
        }

        return (settings, landing, new SqliteQueries(database));
    }

    private static async Task<string> DumpAsync(SqliteQueries db, string sql) =>
        string.Join("\n", (await db.RowsAsync(sql)).Select(r => string.Join("|", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));
}
