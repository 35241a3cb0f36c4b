using Microsoft.Data.SqlClient;

namespace RcWarehouse.Warehouse.SqlServer;

/// <summary>
/// The connection string the SQL Server engine opens: the configured one, plus what this application sets when the
/// configuration leaves it out. Encryption is SqlClient's own default (<c>Encrypt=Mandatory</c> with a verified server
/// certificate since 4.0) and is deliberately not touched here: relaxing it is the operator's explicit choice.
/// </summary>
public static class SqlServerConnectionString
{
    /// <summary>What <c>program_name</c> shows in <c>sys.dm_exec_sessions</c> unless the configuration names another.</summary>
    public const string DefaultApplicationName = "rcwarehouse";

    private const string ApplicationNameKeyword = "Application Name";

    /// <summary>
    /// Why a connection string SqlClient cannot read is refused. SqlClient's own message quotes what it could not read,
    /// which for an unquoted password holding ';' is the rest of the password, so it is never passed on.
    /// </summary>
    public const string NotReadable =
        "Warehouse:ConnectionString is not a valid SQL Server connection string (an unknown keyword or a malformed value; "
        + "a value that contains ';' must be quoted, e.g. Password=\"a;b\")";

    /// <summary>
    /// The connection string with the warehouse's defaults: <c>Application Name</c>, and, when <paramref name="connectBound"/>
    /// is given, SqlClient's <c>Connect Timeout</c> and connection retries (<c>ConnectRetryCount</c> x
    /// <c>ConnectRetryInterval</c>) fitted within it, so an unreachable server costs at most that much.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not a SQL Server connection string (the message quotes nothing of it).</exception>
    public static string WithDefaults(string connectionString, TimeSpan? connectBound = null)
    {
        SqlConnectionStringBuilder builder;
        try
        {
            builder = new SqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException(NotReadable, nameof(connectionString), ex);
        }

        // ShouldSerialize is true only for keywords the text itself holds ("App" and "Application Name" alike), so a
        // name the user chose is kept, and SqlClient's generic "Core Microsoft SqlClient Data Provider" is replaced.
        if (!builder.ShouldSerialize(ApplicationNameKeyword))
        {
            builder.ApplicationName = DefaultApplicationName;
        }

        if (connectBound is { } bound)
        {
            FitConnectWithin(builder, bound);
        }

        return builder.ConnectionString;
    }

    private static void FitConnectWithin(SqlConnectionStringBuilder builder, TimeSpan bound)
    {
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
    }
}
