using System.CommandLine;
using RcWarehouse.Warehouse;

namespace RcWarehouse.Cli;

/// <summary>Options every command accepts; they override configuration and environment.</summary>
public static class GlobalOptions
{
    public static readonly Option<WarehouseProvider?> Provider = new("--provider")
    {
        Description = "Warehouse engine: Sqlite (default, embedded) or SqlServer.",
        Recursive = true,
    };

    public static readonly Option<string?> Connection = new("--connection")
    {
        Description = "Connection string (default: SQLite file data/warehouse.db).",
        Recursive = true,
    };

    public static readonly Option<string?> Settings = new("--settings")
    {
        Description = "An extra JSON settings file, read after appsettings.json and before environment variables.",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log progress to standard error, and print a failure's exception type and stack trace after its one-line error.",
        Recursive = true,
    };

    public static readonly Option<string?> LogFile = new("--log-file")
    {
        Description = "Also write structured logs (JSON lines, UTC timestamps, exception stack traces) to this file (setting Logging:File).",
        Recursive = true,
    };
}
