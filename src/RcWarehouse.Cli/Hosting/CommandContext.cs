using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RcWarehouse.Cli.Logging;
using RcWarehouse.Cli.Progress;
using RcWarehouse.RingCx;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.RateLimiting;

namespace RcWarehouse.Cli.Hosting;

/// <summary>What one command invocation runs with: its parsed line, configuration, clock, console and logging.</summary>
public sealed class CommandContext : IDisposable
{
    /// <exception cref="UsageException">A settings file is missing or not JSON, or a logging setting does not convert.</exception>
    public CommandContext(ParseResult parseResult, CliConsole console, TimeProvider time)
    {
        ParseResult = parseResult;
        Console = console;
        Time = time;
        CommandName = parseResult.CommandResult.Command.Name;
        Configuration = CliConfiguration.Build(parseResult);
        var logging = ConfigurationBinding.Bind<LoggingSettings>(Configuration, LoggingSettings.SectionName);

        // run is a service: its console shows what it does (job starts, next fire times) without --verbose.
        var verbose = parseResult.GetValue(GlobalOptions.Verbose) || CommandName == "run";
        Logging = CliLogging.Create(console, verbose, logging.File, ProgressMode(CommandName));
    }

    public ParseResult ParseResult { get; }

    public CliConsole Console { get; }

    public TimeProvider Time { get; }

    /// <summary>The command's name (status, sync, ...): the step an error names.</summary>
    public string CommandName { get; }

    public IConfigurationRoot Configuration { get; }

    public CliLogging Logging { get; }

    public ILoggerFactory LoggerFactory => Logging.Factory;

    /// <summary>
    /// The warehouse settings. On SQL Server a connection string must be given (not the SQLite default); the dialect
    /// bounds its connect time by <c>Warehouse:ConnectTimeout</c>.
    /// </summary>
    public WarehouseOptions WarehouseOptions
    {
        get
        {
            SecretPlacement.EnsureNotInAppSettings(Configuration);
            var options = ConfigurationBinding.Bind<WarehouseOptions>(Configuration, "Warehouse");
            if (options.Provider == WarehouseProvider.SqlServer && SqlServerConnect.IsMissingOrSqlite(Configuration["Warehouse:ConnectionString"]))
            {
                throw new UsageException(
                    "the SqlServer provider needs a SQL Server connection string: pass --connection \"Server=HOST;Database=rcwarehouse;User Id=...;Password=...\" "
                    + "or set Warehouse:ConnectionString (environment RCW_Warehouse__ConnectionString)");
            }

            return options;
        }
    }

    /// <summary>The SQL Server the configuration names (for error lines), or null on SQLite or when it cannot be read.</summary>
    public string? SqlServerHost =>
        string.Equals(Configuration["Warehouse:Provider"], nameof(WarehouseProvider.SqlServer), StringComparison.OrdinalIgnoreCase)
        && Configuration["Warehouse:ConnectionString"] is { } connection
            ? SqlServerConnect.Host(connection)
            : null;

    public RingCxOptions RingCxOptions
    {
        get
        {
            SecretPlacement.EnsureNotInAppSettings(Configuration);
            var options = ConfigurationBinding.Bind<RingCxOptions>(Configuration, RingCxOptions.SectionName);

            // Checked here, not at the first request: a bad host is a usage error before anything runs. The value is
            // not repeated (it may be a secret set under the wrong key).
            if (options.InvalidUrlKeys() is [var key, ..])
            {
                throw new UsageException($"configuration value {key} is not valid: expected an absolute http or https URL such as https://ringcx.ringcentral.com");
            }

            return options;
        }
    }

    public IWarehouse CreateWarehouse() => WarehouseFactory.Create(WarehouseOptions, Time, LoggerFactory);

    /// <summary>
    /// A RingCX session on the configured sources, loading into the warehouse when <paramref name="withWarehouse"/>.
    /// The warehouse is opened (and its schema checked, never changed) either way: its ledger holds the rate-limit
    /// budgets every process shares, so a command that only lands files (<c>extract</c>) still counts against, and is
    /// counted by, everyone else.
    /// </summary>
    public async Task<RingCxSession> OpenRingCxAsync(bool withWarehouse, CancellationToken cancellationToken)
    {
        // Configuration first: a setting that does not convert is a usage error, whatever state the warehouse is in.
        var ringCx = RingCxOptions;
        var warehouse = CreateWarehouse();
        await warehouse.EnsureSchemaCurrentAsync(cancellationToken);
        var ledger = WarehouseRateLimitLedger.For(warehouse, Time, LoggerFactory);
        return new RingCxSession(ringCx, withWarehouse ? warehouse : null, ledger, Time, LoggerFactory);
    }

    public void Dispose() => Logging.Dispose();

    private static WindowProgressMode? ProgressMode(string command) => command switch
    {
        "extract" => WindowProgressMode.LandOnly,
        "sync" or "rerun" or "backfill" or "demo" => WindowProgressMode.LandAndLoad,
        _ => null,
    };
}
