using RcWarehouse.IntegrationTests.Simulator;
using RcWarehouse.RingCx.RateLimiting;
using Xunit;

namespace RcWarehouse.IntegrationTests.RingCx;

/// <summary>A budget over the in-memory ledger: the decision every ledger makes, on a manual clock.</summary>
public sealed class RateLimitBudgetTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact(Timeout = 30_000)]
    public async Task FourthPermitInAMinute_WaitsUntilTheFirstLeavesTheWindow()
    {
        var clock = new ManualTimeProvider(Start);
        using var limiter = Budget("3/60s,9/15m", clock, TimeSpan.Zero);
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
        using var limiter = Budget("3/60s,9/15m", clock, TimeSpan.Zero);

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
        using var limiter = Budget("3/60s", clock, TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(61), limiter.EstimateGrantTime(4) - Start);
    }

    [Fact(Timeout = 30_000)]
    public async Task Block_HoldsEveryBudgetOnTheSameKey_UntilItEnds()
    {
        // Given two budgets on one key and one ledger (two spenders of one sub-account)
        var clock = new ManualTimeProvider(Start);
        var ledger = new InMemoryRateLimitLedger(clock);
        var policy = RateLimitPolicy.Parse("3/60s", TimeSpan.Zero);
        using var first = new RateLimitBudget("reports/1", policy, ledger, clock);
        using var second = new RateLimitBudget("reports/1", policy, ledger, clock);
        var ct = TestContext.Current.CancellationToken;

        // When the first is blocked for 10 seconds (a 429)
        await first.BlockAsync(Start.AddSeconds(10), "429", ct);
        var waiting = second.AcquireAsync(ct).AsTask();
        clock.Advance(TimeSpan.FromSeconds(9));
        var stillWaiting = !waiting.IsCompleted;
        clock.Advance(TimeSpan.FromSeconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5), ct);

        // Then the second waited for the block, though its rules had room
        Assert.True(stillWaiting);
        Assert.Equal(1, second.GrantedCount);
    }

    private static RateLimitBudget Budget(string rules, TimeProvider clock, TimeSpan margin) =>
        new("reports/1", RateLimitPolicy.Parse(rules, margin), new InMemoryRateLimitLedger(clock), clock);

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
