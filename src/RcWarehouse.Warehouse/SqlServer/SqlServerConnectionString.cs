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

    /// <exception cref="ArgumentException">The text is not a SQL Server connection string (the message quotes nothing of it).</exception>
    public static string WithDefaults(string connectionString)
    {
        SqlConnectionStringBuilder builder;
        try
        {
            builder = new SqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            // SqlClient's message quotes what it could not read, which for an unquoted password holding ';' is the rest
            // of the password: it is never passed on.
            throw new ArgumentException(
                "Warehouse:ConnectionString is not a valid SQL Server connection string (an unknown keyword or a malformed value; "
                + "a value that contains ';' must be quoted, e.g. Password=\"a;b\")",
                nameof(connectionString),
                ex);
        }

        // ShouldSerialize is true only for keywords the text itself holds ("App" and "Application Name" alike), so a
        // name the user chose is kept, and SqlClient's generic "Core Microsoft SqlClient Data Provider" is replaced.
        if (!builder.ShouldSerialize(ApplicationNameKeyword))
        {
            builder.ApplicationName = DefaultApplicationName;
        }

        return builder.ConnectionString;
    }
}
