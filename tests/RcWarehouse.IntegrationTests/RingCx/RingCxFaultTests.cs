using System.Text.Json;
using Microsoft.Extensions.Logging;
using RcWarehouse.Core.Reports;
using RcWarehouse.RingCx;
using RcWarehouse.RingCx.Extraction;
using RcWarehouse.RingCx.Landing;
using RcWarehouse.Simulator;
using Xunit;

namespace RcWarehouse.IntegrationTests.RingCx;

/// <summary>One real-time simulator for the class; each test scripts its own faults (the class's tests run one at a time).</summary>
public sealed class FaultSimulatorFixture : IAsyncLifetime
{
    public SimulatorHost Simulator { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Simulator = await SimulatorHost.StartAsync(
            new SimulatorOptions { RateLimit = "1000/1s", AuthRateLimit = "1000/1s", FaultDelay = TimeSpan.FromSeconds(3) }, TimeProvider.System, CancellationToken.None);

    public async ValueTask DisposeAsync() => await Simulator.DisposeAsync();
}

public sealed class RingCxFaultTests(FaultSimulatorFixture fixture) : IClassFixture<FaultSimulatorFixture>, IDisposable
{
    private readonly string _landingRoot = TestClients.TempLanding();
    private readonly CapturedLogs _logs = new();

    private SimulatorHost Sim => fixture.Simulator;

    public void Dispose()
    {
        if (Directory.Exists(_landingRoot))
        {
            Directory.Delete(_landingRoot, recursive: true);
        }
    }

    private (RingCxClient Client, RingCxExtractor Extractor) Create(Action<RingCxOptions>? configure = null)
    {
        var client = new RingCxClient(TestClients.Options(Sim, o => { o.RateLimit = "1000/1s"; configure?.Invoke(o); }), new HttpClient(), TimeProvider.System, _logs);
        return (client, new RingCxExtractor(client, new LandingZone(_landingRoot, TimeProvider.System), new Logger<RingCxExtractor>(_logs)));
    }

    private static (DateTime From, DateTime To) LastSettledHour()
    {
        var to = new DateTime(TimeProvider.System.GetUtcNow().UtcDateTime.Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, DateTimeKind.Utc).AddHours(-1);
        return (to.AddHours(-1), to);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(SimulatedFaultKind.TooManyRequests)]
    [InlineData(SimulatedFaultKind.InternalServerError)]
    [InlineData(SimulatedFaultKind.ServiceUnavailable)]
    [InlineData(SimulatedFaultKind.Delay)]
    [InlineData(SimulatedFaultKind.TruncatedBody)]
    [InlineData(SimulatedFaultKind.AbortedConnection)]
    [InlineData(SimulatedFaultKind.TokenExpired)]
    public async Task InjectedFault_IsRecovered_AndTheLandedFileIsComplete(SimulatedFaultKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (client, extractor) = Create();
        using var _ = client;
        var source = TestClients.Source(Sim, ApiGeneration.Cx);
        var sub = source.SubAccountIds[0];
        var (from, to) = LastSettledHour();
        var clean = await client.FetchReportAsync(source, sub, ReportKind.AgentExtended, new PlannedWindow(ReportKind.AgentExtended, from, to), ct);
        var faultsBefore = Sim.RequestLog.Faults.Count;
        Sim.EnqueueFaults(new SimulatedFault(kind, $"/sub-accounts/{sub}/agg-agent-extended-stats"));

        var landed = Assert.Single(await extractor.ExtractAsync(source, sub, ReportKind.AgentExtended, from, to, ct));

        Assert.Equal(0, Sim.PendingFaults);
        Assert.Equal(faultsBefore + 1, Sim.RequestLog.Faults.Count);
        Assert.Equal(kind, Sim.RequestLog.Faults[^1].Fault);
        Assert.Equal(clean.Body, await File.ReadAllBytesAsync(landed.Path, ct));
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(landed.Path, ct));
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        await LandingZone.VerifyAsync(landed.Path, ct);
    }

    [Fact(Timeout = 30_000)]
    public async Task TruncatedBody_WithNoRetryLeft_FailsAndLandsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (client, extractor) = Create(o => o.MaxRetries = 0);
        using var _ = client;
        var source = TestClients.Source(Sim, ApiGeneration.Legacy, format: "xml");
        var sub = source.SubAccountIds[1];
        var (from, to) = LastSettledHour();
        Sim.EnqueueFaults(new SimulatedFault(SimulatedFaultKind.TruncatedBody, $"/accounts/{sub}/interactionMetadata"));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => extractor.ExtractAsync(source, sub, ReportKind.Segments, from, to, ct));

        Assert.True(error is IOException or HttpRequestException, error.ToString());
        Assert.Equal(0, Sim.PendingFaults);
        Assert.Empty(Directory.Exists(_landingRoot) ? Directory.GetFiles(_landingRoot, "*", SearchOption.AllDirectories) : []);
    }

    [Fact(Timeout = 30_000)]
    public async Task TooManyRequests_WithRetryAfter_WaitsAsLongAsTheServerAsks()
    {
        var ct = TestContext.Current.CancellationToken;
        var (client, extractor) = Create();
        using var _ = client;
        var source = TestClients.Source(Sim, ApiGeneration.Cx);
        var sub = source.SubAccountIds[0];
        var (from, to) = LastSettledHour();
        Sim.EnqueueFaults(new SimulatedFault(SimulatedFaultKind.TooManyRequests, $"/sub-accounts/{sub}/agg-queue-stats", RetryAfterSeconds: 1));

        await extractor.ExtractAsync(source, sub, ReportKind.QueueStats, from, to, ct);

        var attempts = Sim.RequestLog.RateLimitedRequests(sub).Where(r => r.Path.EndsWith("agg-queue-stats", StringComparison.Ordinal)).TakeLast(2).ToList();
        Assert.Equal([429, 200], attempts.Select(a => a.Status));
        // Without Retry-After the backoff would be at most RetryMaxDelay (200 ms); timers may fire a hair early.
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromMilliseconds(950), $"retried after {attempts[1].ReceivedAt - attempts[0].ReceivedAt}");
    }

    [Fact(Timeout = 30_000)]
    public async Task PersistentServerErrors_GiveUpAfterTheConfiguredRetries_WithAnErrorNamingThePath()
    {
        var ct = TestContext.Current.CancellationToken;
        var (client, extractor) = Create(o => o.MaxRetries = 2);
        using var _ = client;
        var source = TestClients.Source(Sim, ApiGeneration.Cx);
        var sub = source.SubAccountIds[1];
        var (from, to) = LastSettledHour();
        var path = $"/sub-accounts/{sub}/interaction-metadata";
        Sim.EnqueueFaults(Enumerable.Repeat(new SimulatedFault(SimulatedFaultKind.ServiceUnavailable, path), 3).ToArray());

        var error = await Assert.ThrowsAsync<RcWarehouse.RingCx.Http.RingCxApiException>(() => extractor.ExtractAsync(source, sub, ReportKind.Segments, from, to, ct));

        Assert.Equal(0, Sim.PendingFaults);
        Assert.Contains("interaction-metadata", error.Message, StringComparison.Ordinal);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task RandomFaults_AtAThirdOfRequests_AreAllRecovered_AndEveryWindowLandsComplete()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await SimulatorHost.StartAsync(
            new SimulatorOptions { Seed = 7, RateLimit = "1000/1s", AuthRateLimit = "1000/1s", FaultRate = 0.3, FaultDelay = TimeSpan.FromSeconds(2) },
            TimeProvider.System, ct);
        using var client = new RingCxClient(TestClients.Options(sim, o => o.MaxRetries = 6), new HttpClient(), TimeProvider.System, _logs);
        var extractor = new RingCxExtractor(client, new LandingZone(_landingRoot, TimeProvider.System), new Logger<RingCxExtractor>(_logs));
        var source = TestClients.Source(sim, ApiGeneration.Legacy);
        var (_, to) = LastSettledHour();

        var files = await extractor.ExtractAsync(source, source.SubAccountIds[0], ReportKind.Segments, to.AddHours(-8), to, ct);

        Assert.Equal(8, files.Count);
        Assert.True(sim.RequestLog.Faults.Count >= 2, $"only {sim.RequestLog.Faults.Count} faults served");
        foreach (var file in files)
        {
            await LandingZone.VerifyAsync(file.Path, ct);
            using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(file.Path, ct));
            Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        }
    }
}
