using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Xml;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.AgentExtended;
using RcWarehouse.Core.Reports.AgentStats;
using RcWarehouse.Core.Reports.QueueStats;
using RcWarehouse.Core.Reports.Segments;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// Reads landed report files into rows, streaming: one row at a time, never the whole file in memory.
/// The file is opened only when enumeration starts, so a missing or bad file surfaces there. Every problem with the
/// content is a <see cref="ReportFormatException"/> naming the file, line or JSON path, and field.
/// </summary>
public static class ReportFileReader
{
    private const int SniffBytes = 4096;

    /// <summary>Sniffs the content after an optional UTF-8 BOM and leading whitespace: '[' or '{' is JSON, '&lt;' is XML, anything else CSV.</summary>
    public static ReportFormat DetectFormat(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, SniffBytes);
        Span<byte> buffer = stackalloc byte[SniffBytes];
        var skipBom = true;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            var span = buffer[..read];
            if (skipBom && span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF)
            {
                span = span[3..];
            }

            skipBom = false;
            var first = span.IndexOfAnyExcept(" \t\r\n"u8);
            if (first >= 0)
            {
                return span[first] switch
                {
                    (byte)'[' or (byte)'{' => ReportFormat.Json,
                    (byte)'<' => ReportFormat.Xml,
                    _ => ReportFormat.Csv,
                };
            }
        }

        return ReportFormat.Csv;
    }

    public static IAsyncEnumerable<AgentExtendedRow> ReadAgentExtendedAsync(ReportFileContext context, ReportFormat? format = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Read(context, format, AgentExtendedCsvParser.ReadAsync, AgentExtendedXmlParser.ReadAsync, AgentExtendedJsonParser.ReadAsync, cancellationToken);
    }

    public static IAsyncEnumerable<QueueStatsRow> ReadQueueStatsAsync(ReportFileContext context, ReportFormat? format = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Read(context, format, QueueStatsCsvParser.ReadAsync, QueueStatsXmlParser.ReadAsync, QueueStatsJsonParser.ReadAsync, cancellationToken);
    }

    public static IAsyncEnumerable<AgentStatsRow> ReadAgentStatsAsync(ReportFileContext context, ReportFormat? format = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Read(context, format, AgentStatsCsvParser.ReadAsync, AgentStatsXmlParser.ReadAsync, AgentStatsJsonParser.ReadAsync, cancellationToken);
    }

    /// <summary>Segment metadata exists only as JSON (either generation); asking for CSV or XML is an error.</summary>
    public static IAsyncEnumerable<SegmentRow> ReadSegmentsAsync(ReportFileContext context, ReportFormat? format = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Read(context, format, NotJson<SegmentRow>, NotJson<SegmentRow>, SegmentJsonParser.ReadAsync, cancellationToken);
    }

    private static async IAsyncEnumerable<TRow> Read<TRow>(
        ReportFileContext context,
        ReportFormat? format,
        Func<ReportFileContext, CancellationToken, IAsyncEnumerable<TRow>> csv,
        Func<ReportFileContext, CancellationToken, IAsyncEnumerable<TRow>> xml,
        Func<ReportFileContext, CancellationToken, IAsyncEnumerable<TRow>> json,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parser = (format ?? DetectFormat(context.FilePath)) switch
        {
            ReportFormat.Csv => csv,
            ReportFormat.Xml => xml,
            ReportFormat.Json => json,
            var other => throw new ArgumentOutOfRangeException(nameof(format), other, "Unknown report format."),
        };
        // The one place every parser's failure passes: whatever a parser or the libraries under it throw leaves here
        // as a ReportFormatException that names the file, with a bounded message.
        var rows = parser(context, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await rows.MoveNextAsync())
                    {
                        yield break;
                    }
                }
                catch (Exception ex) when (ex is not (ReportFormatException or OperationCanceledException))
                {
                    throw Named(context.FilePath, ex);
                }

                yield return rows.Current;
            }
        }
        finally
        {
            await rows.DisposeAsync();
        }
    }

    /// <summary>An exception from inside a parser as a report error: where and what, never the library's type or a long quote.</summary>
    internal static ReportFormatException Named(string path, Exception ex)
    {
        if (IsEncodingProblem(ex) && Utf8Locator.FindInvalid(path) is { } bad)
        {
            return new ReportFormatException(path,
                string.Create(CultureInfo.InvariantCulture, $"byte 0x{bad.Value:X2} at offset {bad.Offset:N0} is not valid UTF-8; report files must be UTF-8"),
                bad.Line, inner: ex);
        }

        return ex switch
        {
            XmlException xml => new ReportFormatException(path, $"malformed XML: {Reason(xml.Message)}", xml.LineNumber > 0 ? xml.LineNumber : null, inner: ex),
            JsonException json => new ReportFormatException(path, $"malformed JSON: {Reason(json.Message)}", json.LineNumber + 1, json.Path, inner: ex),
            IOException io => new ReportFormatException(path, $"cannot be read: {Reason(io.Message)}", inner: ex),
            _ => new ReportFormatException(path, $"cannot be read as a report: {Reason(ex.Message)}", inner: ex),
        };
    }

    private static bool IsEncodingProblem(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            if (e is DecoderFallbackException
                || e.Message.Contains("encoding", StringComparison.OrdinalIgnoreCase)
                || e.Message.Contains("UTF-8", StringComparison.OrdinalIgnoreCase)
                || e.Message.Contains("transcode", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // Library messages can list what they found (every unclosed element, a token): keep their first sentence, short.
    internal static string Reason(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        var cut = line.IndexOf(" Line ", StringComparison.Ordinal);
        line = cut > 0 ? line[..cut] : line;
        cut = line.IndexOf(" LineNumber:", StringComparison.Ordinal);
        line = cut > 0 ? line[..cut] : line;
        return Errors.ErrorText.Bound(line.TrimEnd(' ', '.', '|'), 200);
    }

    private static IAsyncEnumerable<TRow> NotJson<TRow>(ReportFileContext context, CancellationToken cancellationToken) =>
        ReportThrow.Format<IAsyncEnumerable<TRow>>(context.FilePath, default, null, "segment metadata is delivered only as JSON; this file is not JSON");
}
