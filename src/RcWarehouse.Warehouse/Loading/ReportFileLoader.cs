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
                InWindow(request.LoadWindow, r => r.IntervalStartUtc, ignored, Verified(request.ExpectedSha256, sha256, path, ReportFileReader.ReadAgentExtendedAsync(context, request.Format, cancellationToken), cancellationToken), cancellationToken),
                cancellationToken),
            ReportKind.QueueStats => await warehouse.LoadAsync(
                batch,
                InWindow(request.LoadWindow, r => r.IntervalStartUtc, ignored, Verified(request.ExpectedSha256, sha256, path, ReportFileReader.ReadQueueStatsAsync(context, request.Format, cancellationToken), cancellationToken), cancellationToken),
                cancellationToken),
            ReportKind.AgentStats => await warehouse.LoadAsync(
                batch,
                InWindow(request.LoadWindow, r => r.IntervalStartUtc, ignored, Verified(request.ExpectedSha256, sha256, path, ReportFileReader.ReadAgentStatsAsync(context, request.Format, cancellationToken), cancellationToken), cancellationToken),
                cancellationToken),
            ReportKind.Segments when request.LoadWindow is null => await warehouse.LoadAsync(
                batch, Verified(request.ExpectedSha256, sha256, path, ReportFileReader.ReadSegmentsAsync(context, request.Format, cancellationToken), cancellationToken), cancellationToken),
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

    // The check runs inside the batch's row stream so that a tampered file is recorded as a failed batch, like any bad input.
    private static async IAsyncEnumerable<TRow> Verified<TRow>(
        string? expected, string actual, string path, IAsyncEnumerable<TRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (expected is not null && !string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"{path}: SHA-256 {actual} does not match the manifest's {expected}; the landed file changed after landing and is not loaded");
        }

        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    // Rows are still parsed (and so checked) in full; only those inside the load window reach the warehouse.
    private static async IAsyncEnumerable<TRow> InWindow<TRow>(
        UtcWindow? window, Func<TRow, DateTime> slotOf, IgnoredRows ignored, IAsyncEnumerable<TRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (window is { } w && !w.Contains(slotOf(row)))
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
