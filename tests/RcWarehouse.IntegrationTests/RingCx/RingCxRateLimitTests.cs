using Microsoft.Extensions.Logging;
using RcWarehouse.Core.Reports;
using RcWarehouse.RingCx;
using RcWarehouse.RingCx.Extraction;
using RcWarehouse.RingCx.Landing;
using RcWarehouse.Simulator;
using Xunit;

namespace RcWarehouse.IntegrationTests.RingCx;

/// <summary>
/// Compliance judged by the simulator's own request log, in real time with scaled-down limits: the client must spend
/// the budget without ever drawing a 429, for parallel sub-accounts and for its auth calls.
/// </summary>
public sealed class RingCxRateLimitTests : IDisposable
{
    private readonly string _landingRoot = TestClients.TempLanding();

    public void Dispose()
    {
        if (Directory.Exists(_landingRoot))
        {
            Directory.Delete(_landingRoot, recursive: true);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task ParallelSubAccountExtraction_StaysWithinBothWindows_AndDrawsNo429()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimit = "3/1s,5/3s" }, TimeProvider.System, ct);
        var logs = new CapturedLogs();
        using var client = new RingCxClient(TestClients.Options(sim), new HttpClient(), TimeProvider.System, logs);
        var extractor = new RingCxExtractor(client, new LandingZone(_landingRoot, TimeProvider.System), new Logger<RingCxExtractor>(logs));
        var source = TestClients.Source(sim, ApiGeneration.Cx);
        var to = new DateTime(TimeProvider.System.GetUtcNow().UtcDateTime.Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, DateTimeKind.Utc).AddHours(-1);
        var from = to.AddHours(-9);
        var estimate = extractor.Estimate(source, [ReportKind.AgentExtended, ReportKind.QueueStats], from, to);

        var files = await extractor.ExtractSourceAsync(source, [ReportKind.AgentExtended, ReportKind.QueueStats], from, to, ct);

        Assert.Equal(12, files.Count);
        Assert.Equal(12, estimate.Requests);
        Assert.Equal(0, sim.RequestLog.CountStatus(429));
        foreach (var sub in source.SubAccountIds)
        {
            Assert.Equal(6, sim.RequestLog.RateLimitedRequests(sub).Count);
            Assert.Equal(3, sim.RequestLog.MaxRequestsInAnyWindow(sub, TimeSpan.FromSeconds(1)));
            Assert.True(sim.RequestLog.MaxRequestsInAnyWindow(sub, TimeSpan.FromSeconds(3)) <= 5);
        }

        // Both sub-accounts ran at the same time: each one's sixth request waited for its own 3-second window only.
        var firsts = source.SubAccountIds.Select(s => sim.RequestLog.RateLimitedRequests(s)[0].ReceivedAt).ToList();
        Assert.True((firsts.Max() - firsts.Min()) < TimeSpan.FromSeconds(1), "sub-accounts were not extracted in parallel");
    }

    [Fact(Timeout = 30_000)]
    public async Task FrequentTokenRenewals_RespectTheAuthLimit_AndDrawNo429()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimit = "100/1s", AuthRateLimit = "2/1s" }, TimeProvider.System, ct);
        using var client = new RingCxClient(
            TestClients.Options(sim, o => { o.TokenLifetime = TimeSpan.FromMilliseconds(50); o.TokenRefreshAhead = TimeSpan.Zero; }),
            new HttpClient(), TimeProvider.System, new CapturedLogs());
        var source = TestClients.Source(sim, ApiGeneration.Legacy);

        for (var i = 0; i < 6; i++)
        {
            await client.GetAgentGroupsAsync(source, source.SubAccountIds[0], ct);
            await Task.Delay(60, ct);
        }

        var refreshes = sim.RequestLog.Records.Where(r => r.Path == "/api/auth/token/refresh").Select(r => r.ReceivedAt).Order().ToList();
        Assert.Equal(5, refreshes.Count);
        Assert.Equal(0, sim.RequestLog.CountStatus(429));
        for (var i = 2; i < refreshes.Count; i++)
        {
            Assert.True(refreshes[i] - refreshes[i - 2] >= TimeSpan.FromSeconds(1), $"refresh {i} came {refreshes[i] - refreshes[i - 2]} after refresh {i - 2}");
        }
    }
}
