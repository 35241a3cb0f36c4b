using System.Data.Common;

namespace RcWarehouse.Warehouse.Publishing;

/// <summary>Small helpers that build commands with a dialect's parameter conversions.</summary>
internal static class DbCommands
{
    public static DbCommand Create(IWarehouseDialect dialect, DbConnection connection, DbTransaction? transaction, NamedSql sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql.Text;

        // Bounded (Warehouse:CommandTimeout): a statement stuck behind something never holds a job forever.
        command.CommandTimeout = dialect.CommandTimeoutSeconds;
        foreach (var (name, value) in parameters)
        {
            dialect.AddParameter(command, name, value);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(IWarehouseDialect dialect, DbConnection connection, DbTransaction? transaction, NamedSql sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Create(dialect, connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
