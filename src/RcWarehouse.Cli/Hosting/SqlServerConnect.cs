using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace RcWarehouse.Cli.Hosting;

/// <summary>
/// How the command line bounds a SQL Server connection attempt. <c>Warehouse:ConnectTimeout</c> (default 15 s) is the
/// most an unreachable server may cost: SqlClient's <c>Connect Timeout</c> applies per attempt and its connection retries
/// (<c>ConnectRetryCount</c> × <c>ConnectRetryInterval</c>) come on top, so the per-attempt timeout is what is left of the
/// bound after the retries, shared among the attempts. Retries are off unless the connection string asks for them.
/// </summary>
public static class SqlServerConnect
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    internal const string SqlServerConnectionStringError =
        "Warehouse:ConnectionString is not a valid SQL Server connection string (an unknown keyword or a malformed value; "
        + "a value that contains ';' must be quoted, e.g. Password=\"a;b\")";

    /// <summary>The connection string with its connect timeout and retries fitted within <paramref name="bound"/>.</summary>
    public static string Bounded(string connectionString, TimeSpan bound)
    {
        var builder = Parse(connectionString);
        var seconds = Math.Max(1, (int)Math.Ceiling(bound.TotalSeconds));
        // One reconnect attempt, one second apart, unless the connection string says otherwise: SqlClient's recovery of
        // an idle pooled connection broken by a failover (what a long-running `run` meets), kept inside the bound.
        var retries = builder.ShouldSerialize("ConnectRetryCount") ? builder.ConnectRetryCount : 1;
        if (!builder.ShouldSerialize("ConnectRetryInterval"))
        {
            builder.ConnectRetryInterval = 1;
        }

        var perAttempt = Math.Max(1, (seconds - (retries * builder.ConnectRetryInterval)) / (retries + 1));
        if (!builder.ShouldSerialize("Connect Timeout") || builder.ConnectTimeout == 0 || builder.ConnectTimeout > perAttempt)
        {
            builder.ConnectTimeout = perAttempt;
        }

        builder.ConnectRetryCount = retries;
        return builder.ConnectionString;
    }

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

    private static SqlConnectionStringBuilder Parse(string connectionString)
    {
        try
        {
            return new SqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex) when (ex is not ArgumentNullException)
        {
            // SqlClient's message quotes the "keyword" it could not read, which for an unquoted password holding ';' is
            // the rest of the password: say what to check instead.
            throw new UsageException(SqlServerConnectionStringError);
        }
    }
}
