using RcWarehouse.RingCx;
using RcWarehouse.RingCx.RateLimiting;

namespace RcWarehouse.Cli.Operations;

/// <summary>
/// Live measures of one backfill: what each sub-account has left, the state of its shared budget as last read from
/// the ledger (<see cref="RefreshAsync"/>: grants of every process and node), and how its time went (waiting for the
/// budget versus downloading and loading). <see cref="Snapshot"/> turns them into a <see cref="BackfillStatus"/>
/// with the ETA of <see cref="BackfillEta"/>; it is cheap, so a display can call it whenever it redraws.
/// </summary>
public sealed class BackfillMeter
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SubAccountMeter> _subAccounts;
    private readonly DateTimeOffset _started;
    private readonly int _total;
    private int _done;
    private int _failed;

    public BackfillMeter(BackfillPlan plan, RingCxClient client, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        _time = time;
        _started = time.GetUtcNow();
        _total = plan.Pending;
        _subAccounts = plan.SubAccounts.ToDictionary(
            s => s.SubAccountId,
            s =>
            {
                var budget = client.ReportLimiter(s.SubAccountId);
                return new SubAccountMeter(budget, s.Pending.Count, budget.GrantedCount, budget.Waited);
            },
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Reads every sub-account's budget from the shared ledger (what anyone has spent, blocks from 429s). Between two
    /// reads the budget's state is the one its latest grant returned, so this process's own grants count at once.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var (_, meter) in _subAccounts)
        {
            await meter.Budget.RefreshAsync(cancellationToken);
        }
    }

    /// <summary>One window of <paramref name="subAccountId"/> finished (published or failed).</summary>
    public void WindowDone(string subAccountId, bool failed)
    {
        lock (_gate)
        {
            var meter = _subAccounts[subAccountId];
            meter.Remaining--;
            meter.Completed++;
            if (meter.Remaining == 0)
            {
                meter.FinishedAt = _time.GetUtcNow();
            }

            _done++;
            if (failed)
            {
                _failed++;
            }
        }
    }

    public BackfillStatus Snapshot()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var granted = 0;
            var remaining = 0;
            var waited = TimeSpan.Zero;
            var working = TimeSpan.Zero;
            var budgets = new List<BudgetRemaining>(_subAccounts.Count);
            foreach (var (_, meter) in _subAccounts)
            {
                var subWaited = meter.Budget.Waited - meter.WaitedBefore;
                var busy = (meter.FinishedAt ?? now) - _started;
                var subWorking = busy > subWaited ? busy - subWaited : TimeSpan.Zero;
                granted += meter.Budget.GrantedCount - meter.GrantedBefore;
                remaining += meter.Remaining;
                waited += subWaited;
                working += subWorking;

                // Download and load time per window as measured so far (none yet: the budget alone bounds the ETA).
                var workPerRequest = meter.Completed > 0 ? subWorking / meter.Completed : TimeSpan.Zero;
                budgets.Add(new BudgetRemaining(meter.Budget.Policy, meter.Budget.LastSeen, meter.Remaining, workPerRequest));
            }

            return new BackfillStatus(_done, _total, _failed, granted, remaining, waited, working, BackfillEta.Estimate(budgets, now));
        }
    }

    private sealed class SubAccountMeter(RateLimitBudget budget, int remaining, int grantedBefore, TimeSpan waitedBefore)
    {
        public RateLimitBudget Budget { get; } = budget;

        public int GrantedBefore { get; } = grantedBefore;

        public TimeSpan WaitedBefore { get; } = waitedBefore;

        public int Remaining { get; set; } = remaining;

        public int Completed { get; set; }

        public DateTimeOffset? FinishedAt { get; set; }
    }
}
