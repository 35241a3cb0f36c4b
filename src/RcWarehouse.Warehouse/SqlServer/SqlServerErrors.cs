using Microsoft.Data.SqlClient;

namespace RcWarehouse.Warehouse.SqlServer;

/// <summary>
/// The SQL Server error numbers the engine acts on. Transient ones fail a batch that, loaded again from the same rows as
/// a new batch, can succeed: deadlock victim (1205), lock timeout (1222, from <c>SET LOCK_TIMEOUT</c>), and Azure SQL's
/// throttling and failover errors (40501 service busy, 40613 database unavailable, 49918-49920 not enough resources /
/// too many operations).
/// </summary>
internal static class SqlServerErrors
{
    public const int DeadlockVictim = 1205;
    public const int LockTimeout = 1222;

    /// <summary>CREATE UNIQUE INDEX found a repeated key.</summary>
    public const int DuplicateKeyOnIndexBuild = 1505;

    /// <summary>Cannot insert a duplicate key row (unique index).</summary>
    public const int DuplicateKeyRow = 2601;

    /// <summary>Violation of a PRIMARY KEY or UNIQUE constraint.</summary>
    public const int UniqueConstraintViolation = 2627;

    private static readonly HashSet<int> Transient = [DeadlockVictim, LockTimeout, 40501, 40613, 49918, 49919, 49920];

    /// <summary>The errors a connection open retries (SqlClient's configurable retry logic): Azure SQL transients and dropped connections.</summary>
    public static IReadOnlyList<int> ConnectionTransient { get; } = [4060, 4221, 40143, 40197, 40501, 40540, 40613, 49918, 49919, 49920, 10928, 10929, 233, 64, 10053, 10054];

    public static bool IsTransientNumber(int number) => Transient.Contains(number);

    /// <summary>True when any error of the exception (or of an exception it wraps) is transient.</summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqlException sql && Numbers(sql).Any(IsTransientNumber))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Is(Exception exception, params ReadOnlySpan<int> numbers)
    {
        if (exception is not SqlException sql)
        {
            return false;
        }

        foreach (var number in Numbers(sql))
        {
            if (numbers.Contains(number))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<int> Numbers(SqlException exception) => exception.Errors.Cast<SqlError>().Select(e => e.Number).Append(exception.Number);
}
