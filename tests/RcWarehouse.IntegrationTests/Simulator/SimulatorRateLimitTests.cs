using System.Net;
using System.Text.Json;
using RcWarehouse.Simulator;
using Xunit;

namespace RcWarehouse.IntegrationTests.Simulator;

public sealed class SimulatorRateLimitTests
{
    [Fact(Timeout = 30_000)]
    public async Task FourthReportRequestWithinTheWindow_Is429_PerSubAccount_UntilTheWindowPasses()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 2, 21, 0, 0, TimeSpan.Zero));
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimit = "3/60s,9/15m", TokenTtlSeconds = 86400 }, clock, ct);
        using var http = new SimulatorHttp(sim);
        await http.LoginAsync(ct);
        var (first, second) = (sim.Credentials.SubAccountIds[0], sim.Credentials.SubAccountIds[1]);
        async Task<HttpStatusCode> MetadataAsync(string sub)
        {
            using var r = await http.PostJsonAsync($"voice/api/integration/v2/admin/reports/accounts/{sub}/interactionMetadata",
                new { segmentEndTime = "2026-11-02 15:00:00", timeInterval = 600, timeZone = "UTC" }, ct);
            return r.StatusCode;
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await MetadataAsync(first));
        }

        var otherSubAccount = await MetadataAsync(second);
        clock.Advance(TimeSpan.FromSeconds(59));
        var stillLimited = await MetadataAsync(first);
        clock.Advance(TimeSpan.FromSeconds(1));
        var windowPassed = await MetadataAsync(first);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, otherSubAccount);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillLimited);
        Assert.Equal(HttpStatusCode.OK, windowPassed);
        Assert.Equal(2, sim.RequestLog.CountStatus(429, first));
        Assert.Equal(6, sim.RequestLog.RateLimitedRequests(first).Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task FifteenMinuteWindow_CapsAtNine()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 2, 21, 0, 0, TimeSpan.Zero));
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { TokenTtlSeconds = 86400 }, clock, ct);
        using var http = new SimulatorHttp(sim);
        await http.LoginAsync(ct);
        var sub = sim.Credentials.SubAccountIds[0];

        var ok = 0;
        string? lastError = null;
        for (var i = 0; i < 10; i++)
        {
            using var r = await http.PostJsonAsync($"{http.CxPrefix(sub)}/agg-queue-stats",
                new { startDate = "2026-11-02 15:00:00", endDate = "2026-11-02 16:00:00", timeInterval = 15, timeZone = "UTC" }, ct);
            if (r.StatusCode == HttpStatusCode.OK)
            {
                ok++;
            }
            else
            {
                lastError = await r.Content.ReadAsStringAsync(ct);
            }

            clock.Advance(TimeSpan.FromSeconds(61));
        }

        Assert.Equal(9, ok);
        using var error = JsonDocument.Parse(lastError!);
        Assert.True(error.RootElement.TryGetProperty("generalMessage", out _));
    }
}
