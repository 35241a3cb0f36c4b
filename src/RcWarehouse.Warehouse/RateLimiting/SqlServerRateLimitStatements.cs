namespace RcWarehouse.Warehouse.RateLimiting;

/// <summary>The ledger statements of the SQL Server engine (part of <c>SqlServerStatements.Catalog</c>).</summary>
internal static class SqlServerRateLimitStatements
{
    public static RateLimitSql Sql { get; } = new()
    {
        // Pooled connections get their SET options back when reused, so this bound stays with the ledger's work.
        Session = new("rate_limit_session", "SET LOCK_TIMEOUT 5000;"),
        // Every spender of one key, on any node, queues here; different keys never wait for each other.
        AcquireBudgetLock = new("rate_limit_acquire_lock", """
            DECLARE @lock_result int;
            EXEC @lock_result = sys.sp_getapplock
                @Resource = @resource,
                @LockMode = N'Exclusive',
                @LockOwner = N'Transaction',
                @LockTimeout = @lock_timeout_ms;
            IF @lock_result < 0
            BEGIN
                DECLARE @lock_message nvarchar(2048) = CONCAT(N'Could not take the rate-limit lock ', @resource, N' (sp_getapplock returned ', @lock_result, N').');
                THROW 50002, @lock_message, 1;
            END;
            """),
        SelectGrants = new("rate_limit_select_grants", """
            SELECT granted_utc
            FROM etl.rate_limit_grant
            WHERE budget_key = @budget_key
              AND granted_utc > @since_utc
            ORDER BY granted_utc;
            """),
        SelectBlock = new("rate_limit_select_block", """
            SELECT blocked_until_utc
            FROM etl.rate_limit_block
            WHERE budget_key = @budget_key
              AND blocked_until_utc > @now_utc;
            """),
        InsertGrant = new("rate_limit_insert_grant", """
            INSERT INTO etl.rate_limit_grant (budget_key, granted_utc, holder)
            VALUES (@budget_key, @granted_utc, @holder);
            """),
        PruneGrants = new("rate_limit_prune_grants", """
            DELETE FROM etl.rate_limit_grant
            WHERE budget_key = @budget_key
              AND granted_utc <= @before_utc;
            """),
        // Runs under the key's applock, so the update and the insert cannot race another block of the same key.
        Block = new("rate_limit_block", """
            UPDATE etl.rate_limit_block
            SET blocked_until_utc = @blocked_until_utc,
                reason = @reason,
                holder = @holder,
                recorded_utc = @recorded_utc
            WHERE budget_key = @budget_key
              AND blocked_until_utc < @blocked_until_utc;

            IF NOT EXISTS (SELECT 1 FROM etl.rate_limit_block WHERE budget_key = @budget_key)
                INSERT INTO etl.rate_limit_block (budget_key, blocked_until_utc, reason, holder, recorded_utc)
                VALUES (@budget_key, @blocked_until_utc, @reason, @holder, @recorded_utc);
            """),
    };
}
