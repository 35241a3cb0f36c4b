using System.Collections.Concurrent;
using System.Globalization;
using RcWarehouse.RingCx.Extraction;
using Serilog.Core;
using Serilog.Events;

namespace RcWarehouse.Cli.Progress;

/// <summary>
/// Window progress on standard error for the pulling commands, without --verbose. It listens to the log events the
/// extractor and the window runner already write (windows planned, a window landed, a landed file loaded), so no
/// command or service calls it: it is hooked in once, in <see cref="Logging.CliLogging"/>. On a terminal every step
/// is a line as it happens; redirected, one line per window when it is done (landed for extract, loaded otherwise). The
/// steps: requested (or waiting for the rate-limit budget first), landed, loaded.
/// </summary>
internal sealed class WindowProgressSink(TextWriter writer, WindowProgressMode mode, bool terminal) : ILogEventSink
{
    // The message templates of RingCxExtractor and WindowRunner this display follows (ExtractionEvents).
    internal const string PlannedTemplate = ExtractionEvents.Planned;
    internal const string RequestedTemplate = ExtractionEvents.Requested;
    internal const string LandedTemplate = ExtractionEvents.Landed;
    internal const string LoadedTemplate = ExtractionEvents.Loaded;

    private readonly ConcurrentDictionary<string, string> _landedByFile = new(StringComparer.Ordinal);
    private int _planned;
    private int _done;

    public void Emit(LogEvent logEvent)
    {
        switch (logEvent.MessageTemplate.Text)
        {
            case PlannedTemplate:
                Interlocked.Add(ref _planned, Get<int>(logEvent, "Count"));
                break;
            case RequestedTemplate:
                Requested(logEvent);
                break;
            case LandedTemplate:
                Landed(logEvent);
                break;
            case LoadedTemplate:
                Loaded(logEvent);
                break;
        }
    }

    private void Requested(LogEvent e)
    {
        if (!terminal)
        {
            return;
        }

        var wait = e.Properties.TryGetValue("Wait", out var value) && value is ScalarValue { Value: TimeSpan w } ? w : TimeSpan.Zero;
        Write(e, wait > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"{Window(e)}: waiting {Math.Ceiling(wait.TotalSeconds):0} s for the rate-limit budget, then requesting")
            : $"{Window(e)}: requested");
    }

    private void Landed(LogEvent e)
    {
        var window = Window(e);
        var bytes = Get<long>(e, "Bytes");
        if (mode == WindowProgressMode.LandOnly)
        {
            Write(e, $"{Counter()} {window}: landed {bytes.ToString(CultureInfo.InvariantCulture)} bytes");
            return;
        }

        _landedByFile[Text(e, "File")] = window;
        if (terminal)
        {
            Write(e, $"{window}: landed {bytes.ToString(CultureInfo.InvariantCulture)} bytes, loading");
        }
    }

    private void Loaded(LogEvent e)
    {
        var file = Text(e, "File");
        var window = _landedByFile.TryRemove(file, out var landed) ? landed : Path.GetFileName(file);
        Write(e, $"{Counter()} {window}: loaded {Get<long>(e, "Rows").ToString(CultureInfo.InvariantCulture)} rows (batch {Text(e, "Batch")})");
    }

    private string Counter()
    {
        var done = Interlocked.Increment(ref _done);
        var planned = Volatile.Read(ref _planned);
        return planned >= done
            ? string.Create(CultureInfo.InvariantCulture, $"window {done}/{planned}")
            : string.Create(CultureInfo.InvariantCulture, $"window {done}");
    }

    private void Write(LogEvent e, string line)
    {
        var stamped = $"{e.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} {line}";
        lock (writer)
        {
            writer.WriteLine(Logging.Redaction.Redact(stamped));
        }
    }

    // A planned window prints as "QueueStats [start, end)": the report is already named, in its command-line form.
    private static string Window(LogEvent e)
    {
        var window = Text(e, "Window");
        var span = window.IndexOf(" [", StringComparison.Ordinal);
        return $"{Text(e, "Source")}/{Text(e, "SubAccount")} {Text(e, "Report")} {(span > 0 ? window[(span + 1)..] : window)}";
    }

    private static string Text(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) ? value is ScalarValue { Value: { } v } ? Convert.ToString(v, CultureInfo.InvariantCulture) ?? "" : value.ToString() : "?";

    private static T Get<T>(LogEvent e, string name)
        where T : struct =>
        e.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: { } v }
            ? (T)Convert.ChangeType(v, typeof(T), CultureInfo.InvariantCulture)
            : default;
}
