namespace RcWarehouse.RingCx.RateLimiting;

/// <summary>
/// A ledger in this process's memory: right only where nothing else spends the same budgets (tests, the simulator's
/// demo, benchmarks). Every command and the service use the warehouse's ledger instead.
/// </summary>
public sealed class InMemoryRateLimitLedger(TimeProvider time) : IRateLimitLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<DateTimeOffset>> _grants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _blocks = new(StringComparer.Ordinal);

    public Task<RateLimitDecision> TryGrantAsync(string budgetKey, RateLimitPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var grants = GrantsOf(budgetKey);
            grants.RemoveAll(g => now - g >= policy.Longest);
            var blockedUntil = _blocks.TryGetValue(budgetKey, out var until) ? until : (DateTimeOffset?)null;
            var wait = policy.WaitAt(grants, blockedUntil, now);
            if (wait <= TimeSpan.Zero)
            {
                grants.Add(now);
                wait = TimeSpan.Zero;
            }

            return Task.FromResult(new RateLimitDecision(now, wait, new RateLimitState([.. grants], blockedUntil)));
        }
    }

    public Task BlockAsync(string budgetKey, DateTimeOffset until, string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_blocks.TryGetValue(budgetKey, out var current) || current < until)
            {
                _blocks[budgetKey] = until;
            }
        }

        return Task.CompletedTask;
    }

    public Task<RateLimitState> ReadAsync(string budgetKey, RateLimitPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var grants = GrantsOf(budgetKey).Where(g => now - g < policy.Longest).ToList();
            var blockedUntil = _blocks.TryGetValue(budgetKey, out var until) && until > now ? until : (DateTimeOffset?)null;
            return Task.FromResult(new RateLimitState(grants, blockedUntil));
        }
    }

    private List<DateTimeOffset> GrantsOf(string budgetKey)
    {
        if (!_grants.TryGetValue(budgetKey, out var grants))
        {
            grants = [];
            _grants[budgetKey] = grants;
        }

        return grants;
    }
}
