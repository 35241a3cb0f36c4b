using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace RcWarehouse.Cli.Logging;

/// <summary>
/// One console line per event: UTC time, level, the logger's class name without its namespace, and the message. Never an
/// exception's stack: that goes to the log file, and to standard error only with <c>--verbose</c> at the command boundary.
/// </summary>
internal sealed class ConsoleLineFormatter : ITextFormatter
{
    private readonly MessageTemplateTextFormatter _message = new("{Message:lj}", CultureInfo.InvariantCulture);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        var category = logEvent.Properties.TryGetValue("SourceContext", out var value) && value is ScalarValue { Value: string context }
            ? context[(context.LastIndexOf('.') + 1)..]
            : "rcwarehouse";
        output.Write(logEvent.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        output.Write(' ');
        output.Write(Level(logEvent.Level));
        output.Write(' ');
        output.Write(category);
        output.Write(": ");
        _message.Format(logEvent, output);
        output.WriteLine();
    }

    private static string Level(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "TRACE",
        LogEventLevel.Debug => "DEBUG",
        LogEventLevel.Information => "INFO",
        LogEventLevel.Warning => "WARN",
        LogEventLevel.Error => "ERROR",
        _ => "FATAL",
    };
}
