using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace RcWarehouse.Cli.Hosting;

/// <summary>
/// What the command line reads from a SQL Server connection string for its messages: the host an error line names,
/// and whether one was given at all. The connect bound and the other defaults are the dialect's
/// (<see cref="Warehouse.SqlServer.SqlServerConnectionString"/>).
/// </summary>
public static class SqlServerConnect
{
    /// <summary>The server a connection string names (never its credentials), or null when it cannot be read.</summary>
    public static string? Host(string connectionString)
    {
        try
        {
            var host = new SqlConnectionStringBuilder(connectionString).DataSource;
            return string.IsNullOrWhiteSpace(host) ? null : host;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when a connection string is missing or is a SQLite one (the shipped default <c>Data Source=data/warehouse.db</c>
    /// or any <c>.db</c>/<c>.sqlite</c> file): with the SqlServer provider that means no SQL Server connection was given.
    /// </summary>
    public static bool IsMissingOrSqlite(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return true;
        }

        try
        {
            var keywords = new DbConnectionStringBuilder { ConnectionString = connectionString };
            var source = keywords.TryGetValue("Data Source", out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;
            return keywords.Count == 1 && source is not null
                && (source.EndsWith(".db", StringComparison.OrdinalIgnoreCase)
                    || source.EndsWith(".sqlite", StringComparison.OrdinalIgnoreCase)
                    || source.EndsWith(".sqlite3", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(source, ":memory:", StringComparison.Ordinal));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
