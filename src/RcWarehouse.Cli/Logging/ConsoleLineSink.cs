using Serilog.Core;
using Serilog.Events;

namespace RcWarehouse.Cli.Logging;

/// <summary>
/// Log lines to the command's standard error writer (the CliConsole's, so tests capture them in-process), redacted.
/// Each line is formatted first and written under a lock on the writer, which progress lines take too: lines never interleave.
/// </summary>
internal sealed class ConsoleLineSink(TextWriter writer) : ILogEventSink
{
    private readonly RedactingFormatter _formatter = new(new ConsoleLineFormatter());

    public void Emit(LogEvent logEvent)
    {
        using var line = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        _formatter.Format(logEvent, line);
        lock (writer)
        {
            writer.Write(line.ToString());
            writer.Flush();
        }
    }
}
