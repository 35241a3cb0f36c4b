using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RcWarehouse.RingCx;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.RateLimiting;

namespace RcWarehouse.Cli.Hosting;

/// <summary>What one command invocation runs with: its parsed line, configuration, clock, console and logging.</summary>
public sealed class CommandContext : IDisposable
{
    public CommandContext(ParseResult parseResult, CliConsole console, TimeProvider time)
    {
        ParseResult = parseResult;
        Console = console;
        Time = time;
        Configuration = CliConfiguration.Build(parseResult);
        var verbose = parseResult.GetValue(GlobalOptions.Verbose);
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
            logging.AddProvider(new TextWriterLoggerProvider(console.Error));
        });
    }

    public ParseResult ParseResult { get; }

    public CliConsole Console { get; }

    public TimeProvider Time { get; }

    public IConfigurationRoot Configuration { get; }

    public ILoggerFactory LoggerFactory { get; }

    public WarehouseOptions WarehouseOptions
    {
        get
        {
            SecretPlacement.EnsureNotInAppSettings(Configuration);
            var options = new WarehouseOptions();
            Configuration.GetSection("Warehouse").Bind(options);
            return options;
        }
    }

    public RingCxOptions RingCxOptions
    {
        get
        {
            SecretPlacement.EnsureNotInAppSettings(Configuration);
            var options = new RingCxOptions();
            Configuration.GetSection(RingCxOptions.SectionName).Bind(options);
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
        var warehouse = CreateWarehouse();
        await warehouse.EnsureSchemaCurrentAsync(cancellationToken);
        var ledger = WarehouseRateLimitLedger.For(warehouse, Time, LoggerFactory);
        return new RingCxSession(RingCxOptions, withWarehouse ? warehouse : null, ledger, Time, LoggerFactory);
    }

    public void Dispose() => LoggerFactory.Dispose();
}
