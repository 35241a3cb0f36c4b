namespace RcWarehouse.Warehouse.RateLimiting;

/// <summary>The ledger statements of the SQLite engine (part of <c>SqliteStatements.Catalog</c>).</summary>
internal static class SqliteRateLimitStatements
{
    public static RateLimitSql Sql { get; } = new()
    {
        // 5 s, where the warehouse's other connections wait 5 minutes: a grant waiting behind a long load gives the
        // ledger the chance to say so in the log, then tries again (WarehouseRateLimitLedger).
        Session = new("rate_limit_session", "PRAGMA busy_timeout = 5000;"),
        AcquireBudgetLock = null,
        SelectGrants = new("rate_limit_select_grants", """
            SELECT granted_utc
            FROM rate_limit_grant
            WHERE budget_key = @budget_key
              AND granted_utc > @since_utc
            ORDER BY granted_utc;
            """),
        SelectBlock = new("rate_limit_select_block", """
            SELECT blocked_until_utc
            FROM rate_limit_block
            WHERE budget_key = @budget_key
              AND blocked_until_utc > @now_utc;
            """),
        InsertGrant = new("rate_limit_insert_grant", """
            INSERT INTO rate_limit_grant (budget_key, granted_utc, holder)
            VALUES (@budget_key, @granted_utc, @holder);
            """),
        PruneGrants = new("rate_limit_prune_grants", """
            DELETE FROM rate_limit_grant
            WHERE budget_key = @budget_key
              AND granted_utc <= @before_utc;
            """),
        Block = new("rate_limit_block", """
            INSERT INTO rate_limit_block (budget_key, blocked_until_utc, reason, holder, recorded_utc)
            VALUES (@budget_key, @blocked_until_utc, @reason, @holder, @recorded_utc)
            ON CONFLICT (budget_key) DO UPDATE
            SET blocked_until_utc = excluded.blocked_until_utc,
                reason = excluded.reason,
                holder = excluded.holder,
                recorded_utc = excluded.recorded_utc
            WHERE excluded.blocked_until_utc > rate_limit_block.blocked_until_utc;
            """),
    };
}
