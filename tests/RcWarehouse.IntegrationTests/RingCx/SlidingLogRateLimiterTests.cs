using RcWarehouse.IntegrationTests.Simulator;
using RcWarehouse.RingCx.RateLimiting;
using Xunit;

namespace RcWarehouse.IntegrationTests.RingCx;

public sealed class SlidingLogRateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact(Timeout = 30_000)]
    public async Task FourthPermitInAMinute_WaitsUntilTheFirstLeavesTheWindow()
    {
        var clock = new ManualTimeProvider(Start);
        using var limiter = new SlidingLogRateLimiter(RateLimitRule.ParseList("3/60s,9/15m"), clock, TimeSpan.Zero);
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 3; i++)
        {
            await limiter.AcquireAsync(ct);
        }

        var fourth = limiter.AcquireAsync(ct).AsTask();
        clock.Advance(TimeSpan.FromSeconds(59));
        var stillWaiting = !fourth.IsCompleted;
        clock.Advance(TimeSpan.FromSeconds(1));
        await fourth.WaitAsync(TimeSpan.FromSeconds(5), ct);

        Assert.True(stillWaiting);
        Assert.Equal(4, limiter.GrantedCount);
    }

    [Fact]
    public void EstimateForADayOfThreeHourWindows_HonoursBothWindows()
    {
        var clock = new ManualTimeProvider(Start);
        using var limiter = new SlidingLogRateLimiter(RateLimitRule.ParseList("3/60s,9/15m"), clock, TimeSpan.Zero);

        // 24 requests: 9 in the first 15 minutes (3 a minute), 9 in the next, the last 6 from minute 30 on.
        var last = limiter.EstimateGrantTime(24);
        var ninth = limiter.EstimateGrantTime(9);
        var tenth = limiter.EstimateGrantTime(10);

        Assert.Equal(TimeSpan.FromMinutes(2), ninth - Start);
        Assert.Equal(TimeSpan.FromMinutes(15), tenth - Start);
        Assert.Equal(TimeSpan.FromMinutes(31), last - Start);
        Assert.Equal(TimeSpan.Zero, limiter.NextPermitDelay());
    }

    [Fact]
    public void Margin_LengthensEveryWindow()
    {
        var clock = new ManualTimeProvider(Start);
        using var limiter = new SlidingLogRateLimiter(RateLimitRule.ParseList("3/60s"), clock, TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(61), limiter.EstimateGrantTime(4) - Start);
    }

    [Theory]
    [InlineData("3/60s,9/15m", 2)]
    [InlineData("120/1m", 1)]
    [InlineData("2/500ms", 1)]
    public void RateLimitRule_ParsesCountWindowPairs(string text, int count) => Assert.Equal(count, RateLimitRule.ParseList(text).Count);

    [Theory]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("3/60x")]
    [InlineData("0/60s")]
    public void RateLimitRule_RejectsMalformedRules(string text) => Assert.Throws<FormatException>(() => RateLimitRule.ParseList(text));
}
