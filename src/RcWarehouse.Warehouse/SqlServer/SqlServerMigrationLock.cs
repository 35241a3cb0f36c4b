using Microsoft.Data.SqlClient;

namespace RcWarehouse.Warehouse.SqlServer;

/// <summary>
/// The migration applock, owned by a session of its own for the whole migration (DbUp runs the scripts on another).
/// Released explicitly before the connection goes back to the pool.
/// </summary>
internal sealed class SqlServerMigrationLock : IAsyncDisposable
{
    private readonly SqlConnection _connection;

    private SqlServerMigrationLock(SqlConnection connection) => _connection = connection;

    public static async Task<SqlServerMigrationLock> AcquireAsync(SqlConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = SqlServerJournalStatements.Sql.AcquireLock!.Text;
        command.Parameters.Add(new SqlParameter("@lock_timeout_ms", System.Data.SqlDbType.Int) { Value = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds) });

        // The applock's own timeout bounds the wait; the command's allows for it plus a margin.
        command.CommandTimeout = (int)Math.Min(int.MaxValue, timeout.TotalSeconds + 30);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new SqlServerMigrationLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = SqlServerJournalStatements.Sql.ReleaseLock!.Text;
            command.CommandTimeout = 30;
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
