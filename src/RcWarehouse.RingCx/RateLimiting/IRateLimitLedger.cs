namespace RcWarehouse.RingCx.RateLimiting;

/// <summary>
/// Where the grants of every budget are kept. RingCX limits belong to the sub-account (and the login to the credential
/// group), not to a process, so the ledger a host uses must be shared by everything that spends the same budget:
/// the warehouse-backed ledger (RcWarehouse.Warehouse) for every command and node; <see cref="InMemoryRateLimitLedger"/>
/// only where one process is alone (tests, the simulator, benchmarks).
/// </summary>
public interface IRateLimitLedger
{
    /// <summary>
    /// In one step that no other spender of <paramref name="budgetKey"/> can interleave with: reads the grants within the
    /// policy's longest window and any block, records a grant at the ledger's now when the policy allows it, and
    /// forgets grants that can no longer count.
    /// </summary>
    Task<RateLimitDecision> TryGrantAsync(string budgetKey, RateLimitPolicy policy, CancellationToken cancellationToken);

    /// <summary>Nobody spends <paramref name="budgetKey"/> before <paramref name="until"/> (a later block already recorded stays).</summary>
    Task BlockAsync(string budgetKey, DateTimeOffset until, string reason, CancellationToken cancellationToken);

    /// <summary>The grants within the policy's longest window and any block still in force (for ETAs); records nothing.</summary>
    Task<RateLimitState> ReadAsync(string budgetKey, RateLimitPolicy policy, CancellationToken cancellationToken);
}
