using RcWarehouse.Simulator;
using Xunit;

namespace RcWarehouse.IntegrationTests.Simulator;

public sealed class SimulatorSettleTests
{
    [Fact(Timeout = 30_000)]
    public async Task RecentInterval_AnswersProvisionalNumbersThatGrow_UntilItSettles()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 2, 19, 10, 0, TimeSpan.Zero));
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimit = "1000/1s", TokenTtlSeconds = 86400 }, clock, ct);
        using var http = new SimulatorHttp(sim);
        await http.LoginAsync(ct);
        var path = $"{http.CxPrefix(sim.Credentials.SubAccountIds[0])}/agg-queue-stats";
        var body = new { startDate = "2026-11-02 19:00:00", endDate = "2026-11-02 19:15:00", timeInterval = 15, timeZone = "UTC" };
        async Task<long> OfferedAsync() => ReportText.Json(await http.PostJsonOkAsync(path, body, ct)).Sum(r => long.Parse(r["offd_direct_call_cnt"], System.Globalization.CultureInfo.InvariantCulture));

        var during = await OfferedAsync();
        clock.Advance(TimeSpan.FromMinutes(10));
        var justEnded = await OfferedAsync();
        clock.Advance(TimeSpan.FromMinutes(20));
        var settled = await OfferedAsync();
        clock.Advance(TimeSpan.FromHours(6));
        var muchLater = await OfferedAsync();

        Assert.True(during < justEnded && justEnded <= settled, $"{during} < {justEnded} <= {settled}");
        Assert.Equal(settled, muchLater);
    }
}
