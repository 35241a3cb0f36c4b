using System.Globalization;
using System.Text.Json;
using RcWarehouse.IntegrationTests.Support;
using Xunit;

namespace RcWarehouse.IntegrationTests.Cli;

/// <summary>Passwords never printed or logged; the log file is JSON lines with UTC timestamps and stacks; long commands show progress.</summary>
public sealed class RedactionAndLoggingTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IDisposable
{
    // docker-compose.yml's warehouse (x-rcwarehouse environment), as the compose demo runs with it.
    private const string ComposePassword = "RcWarehouse!2026";
    private const string ComposeConnection = "Server=sqlserver,1433;Database=RcWarehouse;User Id=sa;Password=RcWarehouse!2026;TrustServerCertificate=True";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_compose_demo_configuration_prints_and_logs_no_password()
    {
        // Given the compose demo's settings (SQL Server provider, sa password), with no SQL Server reachable here
        var settings = _temp.File("compose.json");
        await File.WriteAllTextAsync(
            settings,
            JsonSerializer.Serialize(new { Warehouse = new { Provider = "SqlServer", ConnectionString = ComposeConnection, ConnectTimeout = "00:00:03" } }),
            TestContext.Current.CancellationToken);
        var log = _temp.File("demo.log");

        // When demo runs (verbosely, with a log file) and fails to reach the server
        var run = await CliRun.InvokeAsync("demo", "--settings", settings, "--log-file", log, "--verbose");

        // Then the failure names the server, and the password is nowhere: stdout, stderr (with the stack) or the log file
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("SQL Server at sqlserver,1433 for demo", run.Error, StringComparison.Ordinal);
        var logText = await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken);
        Assert.Contains("\"@x\"", logText, StringComparison.Ordinal);
        foreach (var text in new[] { run.Out, run.Error, logText })
        {
            Assert.DoesNotContain(ComposePassword, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_log_file_holds_json_lines_with_utc_timestamps_and_the_failure_with_its_stack_while_the_console_keeps_one_line()
    {
        var database = _temp.File("w.db");
        await CliRun.MigrateAsync($"Data Source={database}");
        var bad = _temp.File("queue.csv");
        await File.WriteAllTextAsync(
            bad,
            "interval,date_from,time (H24:MI),queue,queue_name,offd_direct_call_cnt,overflow_in_call_cnt,aband_call_cnt,overflow_out_call_cnt,"
            + "answ_call_cnt,queued_and_answ_call_dur,queued_and_aband_call_dur,talking_call_dur,wrap_up_dur,queued_answ_longest_que_dur,"
            + "queued_aband_longest_que_dur,ans_servicelevel_cnt,wait_dur,aband_short_call_cnt,aband_within_sl_cnt\n"
            + "15,2026-11-02,08:00,2001,Billing,3,0,1,0,two,100,20,600,120,30,20,2,300,0,1\n",
            TestContext.Current.CancellationToken);

        // The log folder does not exist yet: the file sink creates it.
        var log = Path.Combine(_temp.Path, "logs", "rcw.jsonl");
        var settings = _temp.File("settings.json");
        await File.WriteAllTextAsync(settings, JsonSerializer.Serialize(new Dictionary<string, object> { ["Logging"] = new { File = log } }), TestContext.Current.CancellationToken);

        // A good load, then a refused one, both logging to the file named by the Logging:File setting
        var good = await CliRun.InvokeAsync("load-files", RepoPaths.Samples, "--settings", settings, "--connection", $"Data Source={database}");
        var failed = await CliRun.InvokeAsync(
            "load-files", bad, "--report", "queue-stats", "--source", "500", "--time-zone", "UTC", "--settings", settings, "--connection", $"Data Source={database}");

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Single(failed.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", failed.Error, StringComparison.Ordinal);

        var events = (await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            var t = e.GetProperty("@t").GetString()!;
            Assert.EndsWith("Z", t, StringComparison.Ordinal);
            Assert.True(DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out _), t);
            Assert.True(e.TryGetProperty("@m", out _));
        });
        var failure = Assert.Single(events, e => e.TryGetProperty("@x", out _));
        Assert.Equal("Error", failure.GetProperty("@l").GetString());
        Assert.Contains("   at ", failure.GetProperty("@x").GetString(), StringComparison.Ordinal);
        Assert.Equal("load-files", failure.GetProperty("Command").GetString());
    }

    [Fact]
    public async Task Console_log_lines_carry_a_utc_timestamp_and_level()
    {
        var database = _temp.File("w.db");
        var run = await CliRun.InvokeAsync("migrate", "--connection", $"Data Source={database}", "--verbose");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (INFO|WARN|ERROR|DEBUG) \w+: ", l));
    }

    [Fact]
    public async Task Sync_redirected_prints_one_progress_line_per_window()
    {
        var sim = fixture.Simulator;
        var settings = CliSettingsFile.Write(
            _temp.File("settings.json"), sim, _temp.File("landing"), CliSettingsFile.Source(sim, "cx", sim.Credentials.SubAccountIds[0], "Cx"));
        var database = $"Data Source={_temp.File("w.db")}";
        await CliRun.MigrateAsync(database);
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var run = await CliRun.InvokeAsync(
            "sync", "--from", day + "T03:00", "--to", day + "T12:00", "--report", "queue-stats", "--settings", settings, "--connection", database);

        Assert.True(run.ExitCode == 0, run.ToString());
        var progress = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(progress);
        Assert.All(progress, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ window \d+/\d+ cx/\d+ queue-stats .+: loaded \d+ rows \(batch \d+\)$", l.TrimEnd('\r')));
        Assert.Contains($"window {progress.Length}/{progress.Length} ", progress[^1], StringComparison.Ordinal);

        // and every line counts against the run's whole total (three 3-hour windows) from the first window on
        Assert.Equal(3, progress.Length);
        Assert.Contains("window 1/3 ", progress[0], StringComparison.Ordinal);
    }
}
