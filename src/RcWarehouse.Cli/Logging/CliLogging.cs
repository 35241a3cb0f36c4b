using Microsoft.Extensions.Logging;
using RcWarehouse.Cli.Progress;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace RcWarehouse.Cli.Logging;

/// <summary>
/// One command's logging (Serilog behind Microsoft.Extensions.Logging): short lines on standard error (the CliConsole
/// writer, so tests capture them), warnings and up unless <c>--verbose</c>; with <c>--log-file</c> or <c>Logging:File</c>,
/// every event from Information up as a JSON line (UTC timestamp, level, message, properties, exception with stack trace).
/// Both outputs pass through <see cref="Redaction"/>. Without <c>--verbose</c>, window progress replaces the info lines.
/// </summary>
public sealed class CliLogging : IDisposable
{
    private readonly Serilog.Core.Logger _logger;
    private readonly Serilog.Core.Logger? _file;

    private CliLogging(Serilog.Core.Logger logger, Serilog.Core.Logger? file, ILoggerFactory factory)
    {
        _logger = logger;
        _file = file;
        Factory = factory;
    }

    public ILoggerFactory Factory { get; }

    /// <summary>The Serilog pipeline itself, for a host (run) that builds its own logging.</summary>
    public Serilog.ILogger Logger => _logger;

    /// <summary>Where the log file is written, or null.</summary>
    public string? FilePath { get; private init; }

    public static CliLogging Create(CliConsole console, bool verbose, string? logFile, WindowProgressMode? progress)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            .WriteTo.Sink(new ConsoleLineSink(console.Error), verbose ? LogEventLevel.Information : LogEventLevel.Warning);
        if (!verbose && progress is { } mode)
        {
            configuration.WriteTo.Sink(new WindowProgressSink(console.Error, mode, console.ErrorIsTerminal));
        }

        Serilog.Core.Logger? file = null;
        string? path = null;
        if (!string.IsNullOrWhiteSpace(logFile))
        {
            path = Path.GetFullPath(logFile);
            file = new LoggerConfiguration()
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Quartz", LogEventLevel.Information)
                .WriteTo.File(new RedactingFormatter(new RenderedCompactJsonFormatter()), path, shared: true)
                .CreateLogger();
            configuration.WriteTo.Logger(file);
        }

        var logger = configuration.CreateLogger();
        var factory = LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddSerilog(logger, dispose: false);
        });
        return new CliLogging(logger, file, factory) { FilePath = path };
    }

    /// <summary>Information and up as console lines on <paramref name="console"/>'s standard error (a host built without a command's logging).</summary>
    public static Serilog.Core.Logger ConsoleLogger(CliConsole console) =>
        new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            .WriteTo.Sink(new ConsoleLineSink(console.Error))
            .CreateLogger();

    /// <summary>A command's failure, with its exception and stack, to the log file only (the console has its one line already).</summary>
    public void Failure(Exception exception, string command, string line) =>
        _file?.ForContext("SourceContext", "RcWarehouse.Cli.CliApp").Error(exception, "{Command} failed: {ErrorLine}", command, line);

    public void Dispose()
    {
        Factory.Dispose();
        _logger.Dispose();
        _file?.Dispose();
    }
}
