using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.RateLimiting;

/// <summary>The statements of the shared rate-limit ledger (<see cref="WarehouseRateLimitLedger"/>); times are UTC.</summary>
internal sealed record RateLimitSql
{
    /// <summary>
    /// Bounds how long one attempt waits for the ledger's lock, on the ledger's own connection: SQLite's busy timeout
    /// (another process's write transaction, a load's included), SQL Server's LOCK_TIMEOUT.
    /// </summary>
    public required NamedSql Session { get; init; }

    /// <summary>SQL Server: the applock of one budget key, in the grant's transaction. SQLite: none (BEGIN IMMEDIATE is the lock).</summary>
    public NamedSql? AcquireBudgetLock { get; init; }

    /// <summary>The grants of one key after @since_utc, oldest first.</summary>
    public required NamedSql SelectGrants { get; init; }

    /// <summary>The block of one key if it lasts beyond @now_utc.</summary>
    public required NamedSql SelectBlock { get; init; }

    public required NamedSql InsertGrant { get; init; }

    /// <summary>Forgets the grants of one key that can no longer count (at or before @before_utc).</summary>
    public required NamedSql PruneGrants { get; init; }

    /// <summary>Blocks one key until @blocked_until_utc unless a later block is already recorded.</summary>
    public required NamedSql Block { get; init; }

    public IEnumerable<NamedSql> All()
    {
        yield return Session;
        if (AcquireBudgetLock is not null)
        {
            yield return AcquireBudgetLock;
        }

        yield return SelectGrants;
        yield return SelectBlock;
        yield return InsertGrant;
        yield return PruneGrants;
        yield return Block;
    }
}
