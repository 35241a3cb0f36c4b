using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RcWarehouse.IntegrationTests.Operations;
using RcWarehouse.IntegrationTests.Support;
using RcWarehouse.Simulator;
using Xunit;

namespace RcWarehouse.IntegrationTests.Telemetry;

/// <summary>
/// A real <c>rcwarehouse run</c> process against the simulator: its <c>/metrics</c> after a load, its <c>/healthz</c>
/// healthy and with a stuck job, its OTLP push, and the <c>health</c> command that the container's HEALTHCHECK runs.
/// </summary>
public sealed partial class RunMetricsAndHealthTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);
    private readonly TempDirectory _temp = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task After_a_load_metrics_show_rows_batches_and_lag_healthz_is_200_and_otlp_receives_the_metrics()
    {
        // Given a simulator, an OTLP receiver, and run with its endpoint on a free port and OTLP every second
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, RateLimit = "600/1s", AuthRateLimit = "600/1s" }, TimeProvider.System, ct);
        await using var otlp = await OtlpReceiver.StartAsync(ct);
        var sub = sim.Credentials.SubAccountIds[0];
        using var service = await StartRunAsync(sim, sub, new Dictionary<string, string>
        {
            ["RCW_Operations__Otlp__Endpoint"] = otlp.Endpoint.ToString(),
            ["RCW_Operations__Otlp__ExportInterval"] = "00:00:01",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "x-collector-key=collector-key-1",
        });
        var endpoint = await EndpointAsync(service, ct);

        // When the first intraday run has published batches
        var metrics = await PollAsync(
            () => _http.GetStringAsync(new Uri(endpoint, "metrics"), ct),
            text => text.Contains($"rcwarehouse_batches_total{{outcome=\"succeeded\",report=\"queue-stats\",source=\"{sub}\",stage=\"load\"}}", StringComparison.Ordinal),
            ct);

        // Then /metrics has rows loaded, succeeded batches and the lag of what was loaded, in the Prometheus text format
        Assert.Contains("# TYPE rcwarehouse_rows_loaded_total counter", metrics, StringComparison.Ordinal);
        Assert.True(Value(metrics, $"rcwarehouse_rows_loaded_total{{report=\"queue-stats\",source=\"{sub}\"}}") > 0, metrics);
        Assert.Contains("# TYPE rcwarehouse_lag_seconds gauge", metrics, StringComparison.Ordinal);
        Assert.True(Value(metrics, $"rcwarehouse_lag_seconds{{report=\"queue-stats\",source=\"{sub}\"}}") > 0, metrics);
        Assert.Matches(@"rcwarehouse_budget_wait_seconds_total\{budget=""reports/" + sub + @"""\} ", metrics);
        Assert.DoesNotContain(sim.Credentials.ClientSecret, metrics, StringComparison.Ordinal);

        // And /healthz answers 200, as does the health command asking it
        using var healthz = await _http.GetAsync(new Uri(endpoint, "healthz"), ct);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.StartsWith("ok: scheduler started", await healthz.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        var health = await CliRun.InvokeAsync("health", "--url", endpoint.ToString());
        Assert.True(health.ExitCode == 0, health.ToString());
        Assert.StartsWith("health: 200 ok: scheduler started", health.Out, StringComparison.Ordinal);

        // And the OTLP receiver got protobuf posts carrying the loader's metrics and the collector key given in
        // OTEL_EXPORTER_OTLP_HEADERS
        await PollAsync(
            () => Task.FromResult(otlp.Posts.Any(p => Contains(p.Body, "rcwarehouse.rows.loaded"))),
            found => found,
            ct);
        Assert.All(otlp.Posts, post => Assert.Equal("application/x-protobuf", post.ContentType));
        Assert.All(otlp.Posts, post => Assert.Equal("collector-key-1", post.CollectorKey));
    }

    [Fact]
    public async Task A_job_running_longer_than_the_bound_makes_healthz_503_naming_it_and_health_exit_1()
    {
        // Given RingCX stalling the first API request for minutes, and a stuck bound of 2 seconds
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await SimulatorHost.StartAsync(
            new SimulatorOptions
            {
                Port = 0,
                RateLimit = "600/1s",
                AuthRateLimit = "600/1s",
                FaultDelay = TimeSpan.FromMinutes(5),
                FaultScript = [new SimulatedFault(SimulatedFaultKind.Delay)],
            },
            TimeProvider.System,
            ct);
        using var service = await StartRunAsync(sim, sim.Credentials.SubAccountIds[0], new Dictionary<string, string>
        {
            ["RCW_Operations__Health__StuckJobAfter"] = "00:00:02",
            ["RCW_RingCx__RequestTimeout"] = "00:10:00",
        });
        var endpoint = await EndpointAsync(service, ct);

        // When the intraday job hangs on that request past the bound
        var answer = await PollAsync(
            async () =>
            {
                using var response = await _http.GetAsync(new Uri(endpoint, "healthz"), ct);
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(ct));
            },
            r => r.StatusCode == HttpStatusCode.ServiceUnavailable,
            ct);

        // Then /healthz says which job is stuck and for how long, and the health command fails with that line
        Assert.Matches(@"^job intraday stuck: running for \d\d:\d\d:\d\d, longer than Operations:Health:StuckJobAfter \(00:00:02\)\n$", answer.Body);
        Assert.Equal(0, sim.PendingFaults);
        var health = await CliRun.InvokeAsync("health", "--url", endpoint.ToString());
        Assert.Equal(1, health.ExitCode);
        Assert.StartsWith("health: 503 job intraday stuck", health.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_with_nothing_listening_exits_1_and_without_an_endpoint_configured_exits_2()
    {
        var refused = await CliRun.InvokeAsync("health", "--url", "http://127.0.0.1:1");
        var unconfigured = await CliRun.InvokeAsync("health", "--settings", WriteJson("empty.json", new { }));

        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("health: no answer from http://127.0.0.1:1/healthz", refused.Error, StringComparison.Ordinal);
        Assert.Equal(2, unconfigured.ExitCode);
        Assert.Contains("no health endpoint is configured: set Operations:Health:Url", unconfigured.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Url", "hunter2")]
    [InlineData("StuckJobAfter", "soon")]
    public async Task Run_refuses_a_bad_health_setting_with_exit_2_naming_the_key(string key, string value)
    {
        var settings = WriteJson("bad.json", new
        {
            RingCx = new { Sources = new[] { new { Name = "x", ClientId = "id", SubAccountIds = new[] { "1" } } } },
            Operations = new { Health = new Dictionary<string, string> { [key] = value } },
        });

        var run = await CliRun.InvokeAsync("run", "--settings", settings, "--connection", $"Data Source={_temp.File("w.db")}");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"configuration value Operations:Health:{key} is not valid", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Error + run.Out, StringComparison.Ordinal);
    }

    private async Task<ServiceProcess> StartRunAsync(SimulatorHost sim, string subAccountId, Dictionary<string, string> environment)
    {
        var database = _temp.File("warehouse.db");
        await CliRun.MigrateAsync($"Data Source={database}");
        var schedules = Directory.CreateDirectory(_temp.File("schedules")).FullName;
        await File.WriteAllTextAsync(Path.Combine(schedules, "intraday.json"), """{ "job": "intraday", "cron": "* * * * * ?", "enabled": true }""", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(schedules, "nightly.json"), """{ "job": "nightly", "cron": "0 30 2 * * ?", "enabled": false }""", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(schedules, "reference.json"), """{ "job": "reference", "cron": "0 0 * * * ?", "enabled": false }""", TestContext.Current.CancellationToken);
        var url = sim.BaseUrl.ToString();
        var env = new Dictionary<string, string>
        {
            ["RCW_Warehouse__Provider"] = "Sqlite",
            ["RCW_Warehouse__ConnectionString"] = $"Data Source={database}",
            ["RCW_Warehouse__PersonalDataSecret"] = OperationsHarness.PersonalDataSecret,
            ["RCW_RingCx__PlatformUrl"] = url,
            ["RCW_RingCx__RingCxUrl"] = url,
            ["RCW_RingCx__LandingPath"] = _temp.File("landing"),
            ["RCW_RingCx__RateLimit"] = "600/1s",
            ["RCW_RingCx__AuthRateLimit"] = "600/1s",
            ["RCW_RingCx__Sources__0__Name"] = "sim",
            ["RCW_RingCx__Sources__0__ClientId"] = sim.Credentials.ClientId,
            ["RCW_RingCx__Sources__0__ClientSecret"] = sim.Credentials.ClientSecret,
            ["RCW_RingCx__Sources__0__Jwt"] = sim.Credentials.Jwt,
            ["RCW_RingCx__Sources__0__ApiGeneration"] = "Cx",
            ["RCW_RingCx__Sources__0__SubAccountIds__0"] = subAccountId,
            ["RCW_Operations__SchedulesPath"] = schedules,
            ["RCW_Operations__InitialLookBack"] = "1.00:00:00",
            ["RCW_Operations__Health__Url"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in environment)
        {
            env[key] = value;
        }

        return ServiceProcess.Start(_temp.Path, env, "run");
    }

    private static async Task<Uri> EndpointAsync(ServiceProcess service, CancellationToken cancellationToken)
    {
        var match = await service.WaitForOutputAsync(ListeningOn(), Bound, cancellationToken);
        return new Uri(match.Groups["url"].Value.TrimEnd('/') + "/");
    }

    /// <summary>Asks until the answer satisfies <paramref name="done"/>; the bound only stops a broken test from hanging.</summary>
    private static async Task<T> PollAsync<T>(Func<Task<T>> ask, Func<T, bool> done, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var answer = await ask();
            if (done(answer))
            {
                return answer;
            }

            if (deadline.Elapsed > Bound)
            {
                Assert.Fail($"no satisfying answer within {Bound}; last:\n{answer}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static double Value(string metrics, string series)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        Assert.True(line is not null, $"{series} is not in:\n{metrics}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private string WriteJson(string name, object settings)
    {
        var path = _temp.File(name);
        File.WriteAllText(path, JsonSerializer.Serialize(settings));
        return path;
    }

    [GeneratedRegex(@"listening on ""?(?<url>http://127\.0\.0\.1:\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ListeningOn();
}
