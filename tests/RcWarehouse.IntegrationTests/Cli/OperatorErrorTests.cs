using RcWarehouse.IntegrationTests.Support;
using Xunit;

namespace RcWarehouse.IntegrationTests.Cli;

/// <summary>Operator mistakes (settings files, configuration values, providers, commands, option values): one plain line and exit 2.</summary>
public sealed class OperatorErrorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_missing_settings_file_is_one_line_naming_it_with_exit_2()
    {
        var missing = _temp.File("nowhere.json");

        var run = await CliRun.InvokeAsync("status", "--settings", missing);

        AssertOneUsageLine(run, missing, "does not exist");
    }

    [Fact]
    public async Task A_malformed_settings_file_names_file_line_and_position_but_not_its_content()
    {
        // Line 3 has a stray comma before the closing brace of the source; line 2 holds a secret that must not be echoed.
        var settings = _temp.File("bad.json");
        await File.WriteAllTextAsync(
            settings,
            "{ \"RingCx\": { \"Sources\": [ {\n  \"ClientSecret\": \"hunter2-secret\",\n  \"Name\": \"x\" ,, } ] } }\n",
            TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync("status", "--settings", settings);

        var line = AssertOneUsageLine(run, settings, "is not valid JSON at line 3, position");
        Assert.DoesNotContain("hunter2", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_settings_file_that_is_not_an_object_is_refused()
    {
        var settings = _temp.File("array.json");
        await File.WriteAllTextAsync(settings, "[1, 2]", TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync("status", "--settings", settings);

        AssertOneUsageLine(run, settings, "expected a JSON object");
    }

    [Theory]
    [InlineData("status", "{ \"Warehouse\": { \"Provider\": \"Oracle\" } }", "Warehouse:Provider", "one of Sqlite, SqlServer")]
    [InlineData("extract", "{ \"RingCx\": { \"RequestTimeout\": \"abc\" } }", "RingCx:RequestTimeout", "a time span")]
    [InlineData("run", "{ \"Operations\": { \"StaleBatchAfter\": \"soon\" } }", "Operations:StaleBatchAfter", "a time span")]
    [InlineData("status", "{ \"Warehouse\": { \"BatchSize\": \"many\" } }", "Warehouse:BatchSize", "a whole number")]
    public async Task A_configuration_value_that_does_not_convert_names_the_key_with_exit_2(string command, string json, string key, string expected)
    {
        var settings = _temp.File("settings.json");
        await File.WriteAllTextAsync(settings, json, TestContext.Current.CancellationToken);
        string[] window = command == "extract" ? ["--from", "2026-11-02", "--to", "2026-11-03"] : [];

        var run = await CliRun.InvokeAsync([command, .. window, "--settings", settings, "--connection", $"Data Source={_temp.File("w.db")}"]);

        var line = AssertOneUsageLine(run, key, expected);
        Assert.DoesNotContain("Oracle", line, StringComparison.Ordinal);
        Assert.DoesNotContain("'abc'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configuration_error_raised_by_the_warehouse_has_no_dotnet_internals_and_exit_2()
    {
        var settings = _temp.File("settings.json");
        await File.WriteAllTextAsync(settings, "{ \"Warehouse\": { \"BusinessTimeZone\": \"Mars/Olympus_Mons\" } }", TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync("migrate", "--settings", settings, "--connection", $"Data Source={_temp.File("w.db")}");

        var line = AssertOneUsageLine(run, "Warehouse:BusinessTimeZone");
        Assert.DoesNotContain("(Parameter", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_SqlServer_provider_without_a_connection_string_asks_for_one()
    {
        var run = await CliRun.InvokeAsync("status", "--provider", "SqlServer");

        AssertOneUsageLine(run, "needs a SQL Server connection string", "--connection");
    }

    [Fact]
    public async Task An_unreachable_SQL_Server_fails_within_the_configured_bound_naming_host_and_step_but_not_the_password()
    {
        var settings = _temp.File("settings.json");
        await File.WriteAllTextAsync(settings, "{ \"Warehouse\": { \"ConnectTimeout\": \"00:00:02\" } }", TestContext.Current.CancellationToken);
        var log = _temp.File("rcw.log");

        // Port 1 on the loopback address: nothing listens there.
        var run = await CliRun.InvokeAsync(
            "status", "--provider", "SqlServer", "--settings", settings, "--log-file", log,
            "--connection", "Server=tcp:127.0.0.1,1;Database=rcw;User Id=sa;Password=Sup3r-Secret!;TrustServerCertificate=True");

        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: connecting to SQL Server at tcp:127.0.0.1,1 for status: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3r-Secret", run.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3r-Secret", await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stauts", "did you mean `status`?")]
    [InlineData("syncc", "did you mean `sync`?")]
    [InlineData("migarte", "did you mean `migrate`?")]
    [InlineData("frobnicate", "rcwarehouse --help lists the commands")]
    public async Task An_unknown_command_suggests_the_nearest_one(string word, string hint)
    {
        var run = await CliRun.InvokeAsync(word, "--connection", $"Data Source={_temp.File("w.db")}");

        AssertOneUsageLine(run, $"unknown command '{word}'", hint);
    }

    [Theory]
    [InlineData("--last", "-1", "status")]
    [InlineData("--last", "abc", "status")]
    [InlineData("--port", "70000", "simulate")]
    [InlineData("--token-ttl-seconds", "0", "simulate")]
    [InlineData("--fault-rate", "1.5", "simulate")]
    public async Task An_invalid_numeric_option_is_refused_naming_the_option(string option, string value, string command)
    {
        var run = await CliRun.InvokeAsync(command, option, value, "--connection", $"Data Source={_temp.File("w.db")}");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("w.db")), "nothing ran");
    }

    [Theory]
    [InlineData("rerun", "--from", "2026-13-40")]
    [InlineData("sync", "--from", "yesterday")]
    [InlineData("demo", "--date", "someday")]
    public async Task An_invalid_date_is_refused_naming_the_option(string command, string option, string value)
    {
        string[] args = command switch
        {
            "sync" => ["sync", option, value, "--to", "2026-11-03"],
            "demo" => ["demo", option, value],
            _ => ["rerun", option, value, "--to", "2026-11-03"],
        };

        var run = await CliRun.InvokeAsync([.. args, "--connection", $"Data Source={_temp.File("w.db")}"]);

        AssertOneUsageLine(run, option);
    }

    private static string AssertOneUsageLine(CliRun run, params string[] expected)
    {
        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        foreach (var text in expected)
        {
            Assert.Contains(text, line, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        return line;
    }
}
