using Serilog.Events;
using Serilog.Formatting;

namespace RcWarehouse.Cli.Logging;

/// <summary>Formats with <paramref name="inner"/>, then takes secrets out of the text (<see cref="Redaction"/>) before a sink writes it.</summary>
internal sealed class RedactingFormatter(ITextFormatter inner) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var buffer = new StringWriter(output.FormatProvider);
        inner.Format(logEvent, buffer);
        output.Write(Redaction.Redact(buffer.ToString()));
    }
}
