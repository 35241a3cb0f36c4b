using System.Globalization;
using System.Runtime.CompilerServices;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Landing;
using RcWarehouse.Core.Parsing;
using RcWarehouse.Core.Reports;

namespace RcWarehouse.Warehouse.Loading;

/// <summary>Loads one report file as one batch: hash, parse (streaming), stage, publish.</summary>
public static class ReportFileLoader
{
    public static async Task<LoadResult> LoadAsync(IWarehouse warehouse, FileLoadRequest request, Action<string>? onWarning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        ArgumentNullException.ThrowIfNull(request);
        var path = Path.GetFullPath(request.FilePath);
        var sha256 = await FileHashes.Sha256Async(path, cancellationToken);
        // A file that no longer matches its manifest is refused, and nothing its manifest says is taken as fact: the
        // batch is still recorded as failed, but the manifest's source name is not written into dim_source.
        var tampered = request.ExpectedSha256 is not null && !string.Equals(request.ExpectedSha256, sha256, StringComparison.OrdinalIgnoreCase);
        var loadWindow = request.LoadWindow ?? request.Window;
        var batch = new BatchRequest(request.SourceId, request.Report, loadWindow, path, sha256, tampered ? null : request.SourceName, request.SettledUntilUtc);
        var context = new ReportFileContext(path, request.TimeZone, request.Window, onWarning);
        var ignored = new IgnoredRows();

        var result = request.Report switch
        {
            ReportKind.AgentExtended => await warehouse.LoadAsync(
                batch,
                Checked(tampered, request.ExpectedSha256, sha256, path, request.LoadWindow, r => r.IntervalStartUtc, ignored, ReportFileReader.ReadAgentExtendedAsync(context, request.Format, cancellationToken), cancellationToken),
                cancellationToken),
            ReportKind.QueueStats => await warehouse.LoadAsync(
                batch,
                Checked(tampered, request.ExpectedSha256, sha256, path, request.LoadWindow, r => r.IntervalStartUtc, ignored, ReportFileReader.ReadQueueStatsAsync(context, request.Format, cancellationToken), cancellationToken),
                cancellationToken),
            ReportKind.AgentStats => await warehouse.LoadAsync(
                batch,
                Checked(tampered, request.ExpectedSha256, sha256, path, request.LoadWindow, r => r.IntervalStartUtc, ignored, ReportFileReader.ReadAgentStatsAsync(context, request.Format, cancellationToken), cancellationToken),
                cancellationToken),
            ReportKind.Segments when request.LoadWindow is null => await warehouse.LoadAsync(
                batch, Checked(tampered, request.ExpectedSha256, sha256, path, null, null, ignored, ReportFileReader.ReadSegmentsAsync(context, request.Format, cancellationToken), cancellationToken), cancellationToken),
            ReportKind.Segments => throw new ArgumentException("A load window narrower than the file applies to interval reports only; segment answers cover exactly their window.", nameof(request)),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Report, "unknown report"),
        };

        if (ignored.Count > 0 && loadWindow is { } requested)
        {
            onWarning?.Invoke(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: {ignored.Count} row(s) outside the requested window {requested} were not loaded (intervals after the request or not yet settled; the landed file keeps them)"));
        }

        return result with { RowsIgnored = ignored.Count };
    }

    // The file's rows as the batch takes them. Each layer of async iterator costs every row a call, so the rows pass
    // through unwrapped unless there is something to do: refuse a tampered file (inside the batch's row stream, so it
    // is recorded as a failed batch like any bad input), or keep only the rows inside the load window (rows are still
    // parsed, and so checked, in full).
    private static IAsyncEnumerable<TRow> Checked<TRow>(
        bool tampered, string? expected, string actual, string path, UtcWindow? window, Func<TRow, DateTime>? slotOf, IgnoredRows ignored, IAsyncEnumerable<TRow> rows, CancellationToken cancellationToken) =>
        tampered || window is not null ? CheckedAsync(tampered, expected, actual, path, window, slotOf, ignored, rows, cancellationToken) : rows;

    private static async IAsyncEnumerable<TRow> CheckedAsync<TRow>(
        bool tampered,
        string? expected,
        string actual,
        string path,
        UtcWindow? window,
        Func<TRow, DateTime>? slotOf,
        IgnoredRows ignored,
        IAsyncEnumerable<TRow> rows,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (tampered)
        {
            throw new InvalidDataException(
                $"{path}: SHA-256 {actual} does not match the manifest's {expected}; the landed file changed after landing and is not loaded");
        }

        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (window is { } w && slotOf is not null && !w.Contains(slotOf(row)))
            {
                ignored.Count++;
                continue;
            }

            yield return row;
        }
    }

    private sealed class IgnoredRows
    {
        public long Count { get; set; }
    }
}
