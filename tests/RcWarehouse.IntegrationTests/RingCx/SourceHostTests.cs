using System.Globalization;
using System.Text.Json;
using RcWarehouse.IntegrationTests.Support;
using RcWarehouse.Simulator;
using Xunit;

namespace RcWarehouse.IntegrationTests.RingCx;

/// <summary>
/// Hosts per credential group: a source may name its own PlatformUrl/RingCxUrl (another region, a second platform),
/// falling back to the global ones. Two simulators on 127.0.0.1 stand for the two hosts.
/// </summary>
public sealed class SourceHostTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private SimulatorHost _east = null!;
    private SimulatorHost _west = null!;

    public async ValueTask InitializeAsync()
    {
        _east = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, RateLimit = SimulatorFixture.RelaxedRateLimit }, TimeProvider.System, CancellationToken.None);
        _west = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, RateLimit = SimulatorFixture.RelaxedRateLimit }, TimeProvider.System, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _east.DisposeAsync();
        await _west.DisposeAsync();
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Each_source_logs_in_and_pulls_only_on_its_own_host()
    {
        // Given the global hosts on the east simulator, and a second source whose own hosts are the west simulator
        var eastSub = _east.Credentials.SubAccountIds[0];
        var westSub = _west.Credentials.SubAccountIds[1];
        var settings = WriteSettings(
            Source("east", _east, eastSub, hosts: null),
            Source("west", _west, westSub, hosts: _west.BaseUrl.ToString()));
        var database = _temp.File("w.db");
        await CliRun.MigrateAsync($"Data Source={database}");
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // When both are synced in one command
        var run = await CliRun.InvokeAsync(
            "sync", "--from", day + "T09:00", "--to", day + "T12:00", "--report", "queue-stats", "--settings", settings, "--connection", $"Data Source={database}");

        // Then each host saw the logins and the reports of its own source only, and both sources' facts are loaded
        Assert.True(run.ExitCode == 0, run.ToString());
        AssertOnly(_east, eastSub, westSub);
        AssertOnly(_west, westSub, eastSub);
        var loaded = await new SqliteQueries(database).ScalarAsync<long>(
            "SELECT COUNT(DISTINCT s.sub_account_id) FROM fact_queue_interval f JOIN dim_source s ON s.source_key = f.source_key");
        Assert.Equal(2, loaded);
    }

    [Fact]
    public async Task A_source_platform_host_of_its_own_takes_the_jwt_grant_while_ringcx_falls_back_to_the_global_host()
    {
        // Given a source whose platform (the JWT grant) is west while its RingCX host is the global east
        var sub = _east.Credentials.SubAccountIds[0];
        var source = Source("split", _east, sub, hosts: null);
        source["PlatformUrl"] = _west.BaseUrl.ToString();
        var settings = WriteSettings(source);
        var database = _temp.File("w.db");
        await CliRun.MigrateAsync($"Data Source={database}");
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // When it is synced
        var run = await CliRun.InvokeAsync(
            "sync", "--from", day + "T09:00", "--to", day + "T10:00", "--report", "queue-stats", "--settings", settings, "--connection", $"Data Source={database}");

        // Then the grant went to west only and the token exchange to east only; east refuses a platform token it never
        // issued (two simulators are two unrelated platforms), which is the proof the exchange did not go to west
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("token exchange was refused", run.Error, StringComparison.Ordinal);
        Assert.Contains(_west.RequestLog.Records, r => r.Path.StartsWith("/restapi/oauth/token", StringComparison.Ordinal));
        Assert.DoesNotContain(_west.RequestLog.Records, r => r.Path.StartsWith("/api/", StringComparison.Ordinal) || r.Path.StartsWith("/voice/", StringComparison.Ordinal));
        Assert.DoesNotContain(_east.RequestLog.Records, r => r.Path.StartsWith("/restapi/", StringComparison.Ordinal));
        Assert.Contains(_east.RequestLog.Records, r => r.Path.StartsWith("/api/auth/login", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("PlatformUrl")]
    [InlineData("RingCxUrl")]
    public async Task A_source_host_that_is_not_a_url_names_the_key_with_exit_2_and_not_the_value(string key)
    {
        var source = Source("second", _west, _west.Credentials.SubAccountIds[0], hosts: null);
        source[key] = "hunter2-not-a-url";
        var settings = WriteSettings(Source("first", _east, _east.Credentials.SubAccountIds[0], hosts: null), source);

        var run = await CliRun.InvokeAsync("sync", "--from", "2026-11-02T09:00", "--to", "2026-11-02T10:00", "--settings", settings, "--connection", $"Data Source={_temp.File("w.db")}");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"RingCx:Sources:1:{key} is not valid: expected an absolute http or https URL", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Out + run.Error, StringComparison.Ordinal);
        Assert.Empty(_east.RequestLog.Records);
        Assert.Empty(_west.RequestLog.Records);
    }

    private static void AssertOnly(SimulatorHost host, string ownSub, string otherSub)
    {
        Assert.Contains(host.RequestLog.Records, r => r.Path.StartsWith("/restapi/oauth/token", StringComparison.Ordinal));
        Assert.Contains(host.RequestLog.Records, r => r.Path.StartsWith("/api/auth/", StringComparison.Ordinal));
        Assert.NotEmpty(host.RequestLog.RateLimitedRequests(ownSub));
        Assert.DoesNotContain(otherSub, host.RequestLog.SubAccountsSeen);
    }

    private static Dictionary<string, object?> Source(string name, SimulatorHost sim, string subAccountId, string? hosts) => new()
    {
        ["Name"] = name,
        ["ClientId"] = sim.Credentials.ClientId,
        ["ClientSecret"] = sim.Credentials.ClientSecret,
        ["Jwt"] = sim.Credentials.Jwt,
        ["SubAccountIds"] = new[] { subAccountId },
        ["ApiGeneration"] = "Cx",
        ["PlatformUrl"] = hosts,
        ["RingCxUrl"] = hosts,
    };

    private string WriteSettings(params Dictionary<string, object?>[] sources)
    {
        var path = _temp.File($"settings-{Guid.NewGuid():N}.json");
        var settings = new
        {
            RingCx = new
            {
                PlatformUrl = _east.BaseUrl.ToString(),
                RingCxUrl = _east.BaseUrl.ToString(),
                LandingPath = _temp.File("landing"),
                RateLimit = SimulatorFixture.RelaxedRateLimit,
                RetryBaseDelay = "00:00:00.050",
                Sources = sources,
            },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(settings));
        return path;
    }
}
