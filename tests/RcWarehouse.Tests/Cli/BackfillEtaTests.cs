using RcWarehouse.Cli.Operations;
using RcWarehouse.RingCx.RateLimiting;
using Xunit;

namespace RcWarehouse.Tests.Cli;

/// <summary>The backfill ETA as a pure function of the rules, the grants in the shared ledger, the requests left and now.</summary>
public sealed class BackfillEtaTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly RateLimitPolicy Documented = RateLimitPolicy.Parse("3/60s,9/15m", TimeSpan.Zero);

    [Fact]
    public void FreshBudget_24Requests_EndWhenTheRulesLetTheLastOneGo()
    {
        // 1-9 at 0, 1 and 2 minutes; 10-18 at 15, 16, 17; 19-24 at 30 and 31
        Assert.Equal(TimeSpan.FromMinutes(31), Eta(RateLimitState.Empty, 24));
    }

    [Fact]
    public void GrantsAnotherProcessTook_DelayTheEta()
    {
        // Another process took 9 grants over the last 2 minutes: the 9-per-15-minutes window is full for 13 more minutes
        var other = new RateLimitState([.. Minutes(-2, -2, -2, -1, -1, -1, 0, 0, 0)], null);

        Assert.Equal(TimeSpan.Zero, Eta(RateLimitState.Empty, 1));
        Assert.Equal(TimeSpan.FromMinutes(13), Eta(other, 1));
        // Three go at 13 minutes (the grants of -2 leave the window), the fourth when those of -1 leave it, at 14
        Assert.Equal(TimeSpan.FromMinutes(14), Eta(other, 4));
    }

    [Fact]
    public void GrantsOutsideEveryWindow_NoLongerCount()
    {
        var old = new RateLimitState([.. Minutes(-30, -30, -30, -20, -20, -20, -16, -16, -16)], null);
        Assert.Equal(TimeSpan.Zero, Eta(old, 3));
    }

    [Fact]
    public void BlockFromA429_HoldsEveryRequestUntilItEnds()
    {
        var blocked = new RateLimitState([], Now + TimeSpan.FromSeconds(90));
        Assert.Equal(TimeSpan.FromSeconds(90), Eta(blocked, 1));
    }

    [Fact]
    public void DownloadAndLoadTime_ComesOnTopAndSpacesTheGrants()
    {
        // 30 s of work per request: grants at 0, 30, 60 and 90 s, the last done at 120 s; the budget never binds
        Assert.Equal(TimeSpan.FromSeconds(120), BackfillEta.Estimate([new BudgetRemaining(Documented, RateLimitState.Empty, 4, TimeSpan.FromSeconds(30))], Now));

        // Without work the fourth request waits for the first grant to leave its 60-second window
        Assert.Equal(TimeSpan.FromSeconds(60), Eta(RateLimitState.Empty, 4));
    }

    [Fact]
    public void SeveralBudgets_TheSlowestDecides()
    {
        var other = new RateLimitState([.. Minutes(-2, -2, -2, -1, -1, -1, 0, 0, 0)], null);
        var eta = BackfillEta.Estimate(
            [
                new BudgetRemaining(Documented, RateLimitState.Empty, 3, TimeSpan.Zero),
                new BudgetRemaining(Documented, other, 1, TimeSpan.Zero),
                new BudgetRemaining(Documented, other, 0, TimeSpan.Zero),
            ],
            Now);
        Assert.Equal(TimeSpan.FromMinutes(13), eta);
    }

    [Fact]
    public void ManyRequests_AgreeWithThePolicysOwnEstimate()
    {
        var other = new RateLimitState([.. Minutes(-14, -9, -3, -1)], null);
        Assert.Equal(Documented.EstimateGrantTime(other, Now, 500) - Now, Eta(other, 500));
    }

    private static TimeSpan Eta(RateLimitState ledger, int requests) =>
        BackfillEta.Estimate([new BudgetRemaining(Documented, ledger, requests, TimeSpan.Zero)], Now);

    private static IEnumerable<DateTimeOffset> Minutes(params int[] minutes) => minutes.Select(m => Now + TimeSpan.FromMinutes(m));
}
