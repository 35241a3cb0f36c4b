using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using RcWarehouse.RingCx.RateLimiting;
using RcWarehouse.Warehouse.Operations;
using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.RateLimiting;

/// <summary>
/// The rate-limit ledger every process and node shares: grants and 429 blocks kept in the warehouse
/// (<c>etl.rate_limit_grant</c>, <c>etl.rate_limit_block</c>; bare names on SQLite). Each decision is one short
/// transaction that holds the budget key's lock (SQLite: BEGIN IMMEDIATE on the file; SQL Server: an applock on the
/// key), so two spenders can never both take the last permit of a window. See sql/README.md.
/// </summary>
public sealed class WarehouseRateLimitLedger : IRateLimitLedger
{
    // An attempt waits at most this long for the lock (the Session statement's bound, and the applock's); a longer
    // wait (a big load holding SQLite's write lock) is logged and tried again, up to GiveUpAfter.
    private const int LockTimeoutMs = 5000;
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(10);

    private readonly IWarehouseDialect _dialect;
    private readonly RateLimitSql _sql;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private WarehouseRateLimitLedger(IWarehouseDialect dialect, TimeProvider time, ILogger logger)
    {
        _dialect = dialect;
        _sql = dialect.Sql.RateLimit;
        _time = time;
        _logger = logger;
    }

    /// <summary>The ledger of a warehouse <see cref="WarehouseFactory"/> created (migrated to 0004 or later).</summary>
    public static WarehouseRateLimitLedger For(IWarehouse warehouse, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return warehouse is WarehouseEngine engine
            ? new WarehouseRateLimitLedger(engine.Dialect, time, loggerFactory.CreateLogger<WarehouseRateLimitLedger>())
            : throw new ArgumentException($"{warehouse?.GetType().Name ?? "null"} does not keep rate-limit grants.", nameof(warehouse));
    }

    public Task<RateLimitDecision> TryGrantAsync(string budgetKey, RateLimitPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(budgetKey);
        ArgumentNullException.ThrowIfNull(policy);
        return InKeyTransactionAsync(budgetKey, async (connection, transaction, now) =>
        {
            var state = await ReadStateAsync(connection, transaction, budgetKey, policy, now, cancellationToken);
            var wait = policy.WaitAt(state.Grants, state.BlockedUntil, now);
            if (wait > TimeSpan.Zero)
            {
                return new RateLimitDecision(now, wait, state);
            }

            var granted = CeilingToMillisecond(now);
            await ExecuteAsync(connection, transaction, _sql.InsertGrant, cancellationToken,
                ("@budget_key", budgetKey), ("@granted_utc", granted.UtcDateTime), ("@holder", BatchOwner.CurrentOwner));
            await ExecuteAsync(connection, transaction, _sql.PruneGrants, cancellationToken,
                ("@budget_key", budgetKey), ("@before_utc", (now - policy.Longest).UtcDateTime));
            return new RateLimitDecision(granted, TimeSpan.Zero, state with { Grants = [.. state.Grants, granted] });
        }, cancellationToken);
    }

    public Task BlockAsync(string budgetKey, DateTimeOffset until, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(budgetKey);
        ArgumentNullException.ThrowIfNull(reason);
        return InKeyTransactionAsync(budgetKey, async (connection, transaction, now) =>
        {
            await ExecuteAsync(connection, transaction, _sql.Block, cancellationToken,
                ("@budget_key", budgetKey),
                ("@blocked_until_utc", CeilingToMillisecond(until).UtcDateTime),
                ("@reason", reason.Length > 400 ? reason[..400] : reason),
                ("@holder", BatchOwner.CurrentOwner),
                ("@recorded_utc", now.UtcDateTime));
            return true;
        }, cancellationToken);
    }

    public async Task<RateLimitState> ReadAsync(string budgetKey, RateLimitPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(budgetKey);
        ArgumentNullException.ThrowIfNull(policy);
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        return await ReadStateAsync(connection, null, budgetKey, policy, _time.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction that holds the key's lock, with the ledger's now read once the lock
    /// is held (so it is never earlier than a grant another spender committed). Lock timeouts are retried.
    /// </summary>
    private async Task<T> InKeyTransactionAsync<T>(string budgetKey, Func<DbConnection, DbTransaction, DateTimeOffset, Task<T>> work, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _dialect.OpenAsync(cancellationToken);
                await ExecuteAsync(connection, null, _sql.Session, cancellationToken);
                await using var transaction = await _dialect.BeginTransactionAsync(connection, cancellationToken);
                if (_sql.AcquireBudgetLock is { } acquire)
                {
                    await ExecuteAsync(connection, transaction, acquire, cancellationToken,
                        ("@resource", "rcwarehouse/rate-limit/" + budgetKey), ("@lock_timeout_ms", LockTimeoutMs));
                }

                var result = await work(connection, transaction, _time.GetUtcNow());
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbException ex) when (IsLockTimeout(ex) && _time.GetElapsedTime(started) < GiveUpAfter)
            {
                _logger.LogWarning(
                    "Rate-limit budget {BudgetKey}: the warehouse is locked by another writer (attempt {Attempt}, {Waited:0} s so far); trying again",
                    budgetKey, attempt, _time.GetElapsedTime(started).TotalSeconds);
            }
            catch (DbException ex) when (IsLockTimeout(ex))
            {
                throw new TimeoutException(
                    $"Rate-limit budget '{budgetKey}': the warehouse stayed locked for {GiveUpAfter.TotalMinutes:0} minutes; no request was sent.", ex);
            }
        }
    }

    private async Task<RateLimitState> ReadStateAsync(
        DbConnection connection, DbTransaction? transaction, string budgetKey, RateLimitPolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var grants = new List<DateTimeOffset>();
        await using (var command = DbCommands.Create(_dialect, connection, transaction, _sql.SelectGrants,
            ("@budget_key", budgetKey), ("@since_utc", (now - policy.Longest).UtcDateTime)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                grants.Add(new DateTimeOffset(_dialect.ReadUtc(reader, 0)));
            }
        }

        DateTimeOffset? blockedUntil = null;
        await using (var command = DbCommands.Create(_dialect, connection, transaction, _sql.SelectBlock,
            ("@budget_key", budgetKey), ("@now_utc", now.UtcDateTime)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                blockedUntil = new DateTimeOffset(_dialect.ReadUtc(reader, 0));
            }
        }

        return new RateLimitState(grants, blockedUntil);
    }

    private async Task ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, NamedSql sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        await DbCommands.ExecuteAsync(_dialect, connection, transaction, sql, parameters, cancellationToken);

    /// <summary>
    /// Both engines keep milliseconds. A stored grant is rounded up, so it is never earlier than it was made; the
    /// times compared with stored ones (@since_utc, @now_utc) are cut down by the engine, so they only ever count more.
    /// </summary>
    private static DateTimeOffset CeilingToMillisecond(DateTimeOffset time)
    {
        var remainder = time.UtcTicks % TimeSpan.TicksPerMillisecond;
        return remainder == 0 ? time.ToUniversalTime() : new DateTimeOffset(time.UtcTicks - remainder + TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    private static bool IsLockTimeout(DbException exception) => exception switch
    {
        // SQLITE_BUSY, SQLITE_LOCKED
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
        // 1222: lock request time out period exceeded; 50002: the applock above timed out
        SqlException sql => sql.Number is 1222 or 50002,
        _ => false,
    };
}
