using RcWarehouse.RingCx.RateLimiting;

namespace RcWarehouse.Cli.Operations;

/// <summary>
/// The backfill ETA, as a pure function of the shared budget's actual state: the rules, the grants already in the
/// ledger (taken by anyone: this process, another command, another node) and any 429 block, the requests still to
/// make, the time one request takes to download and load, and now. Each request waits until the budget lets it go,
/// is granted, then takes its work time before the next one of the sub-account starts (a backfill runs a
/// sub-account's windows one after the other); the ETA is when the last request's work ends.
/// </summary>
public static class BackfillEta
{
    /// <summary>When the last of <paramref name="requestsRemaining"/> requests of one budget would be done.</summary>
    public static DateTimeOffset Finish(RateLimitPolicy policy, RateLimitState ledger, int requestsRemaining, TimeSpan workPerRequest, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(ledger);
        if (workPerRequest < TimeSpan.Zero)
        {
            workPerRequest = TimeSpan.Zero;
        }

        return requestsRemaining <= 0 ? now : policy.EstimateGrantTime(ledger, now, requestsRemaining, workPerRequest) + workPerRequest;
    }

    /// <summary>How long until every sub-account's remaining requests are done (they run in parallel, each on its own budget).</summary>
    public static TimeSpan Estimate(IEnumerable<BudgetRemaining> budgets, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        var finish = now;
        foreach (var b in budgets.Where(b => b.RequestsRemaining > 0))
        {
            var at = Finish(b.Policy, b.Ledger, b.RequestsRemaining, b.WorkPerRequest, now);
            finish = at > finish ? at : finish;
        }

        return finish - now;
    }
}
