using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Operations;

namespace RcWarehouse.Cli.Operations;

public static class StatusService
{
    private const int RecordingFailuresListed = 100;

    /// <summary>
    /// Builds the status. Batches left running by a dead process are recorded as failed first, so that what is shown
    /// as running is really running and the abandoned windows appear among the failures.
    /// </summary>
    public static async Task<StatusReport> BuildAsync(
        IWarehouse warehouse, OperationsOptions options, Recordings.RecordingsOptions recordings, TimeProvider time, int lastBatches, CancellationToken cancellationToken)
    {
        var ops = WarehouseOperations.For(warehouse);
        var abandoned = await ops.AbandonDeadBatchesAsync(options.StaleBatchAfter, cancellationToken);
        var watermarks = await ops.GetWatermarksAsync(cancellationToken);
        var summaries = await ops.GetBatchSummariesAsync(cancellationToken);
        var failures = OpenWindows(await ops.GetOpenFailuresAsync(cancellationToken));
        var dismissed = DismissedWindows(await ops.GetDismissedFailuresAsync(cancellationToken));
        var last = lastBatches > 0 ? await warehouse.GetBatchesAsync(null, lastBatches, cancellationToken) : [];
        var now = time.GetUtcNow().UtcDateTime;

        var keys = watermarks.Select(w => (w.SourceId, w.Report))
            .Concat(summaries.Select(s => (s.SourceId, s.Report)))
            .Distinct()
            .Order();
        var reports = new List<ReportStatus>();
        foreach (var (sourceId, report) in keys)
        {
            var watermark = watermarks.FirstOrDefault(w => w.SourceId == sourceId && w.Report == report);
            var summary = summaries.FirstOrDefault(s => s.SourceId == sourceId && s.Report == report);
            var open = failures.Where(f => f.SourceId == sourceId && f.Report == report).ToList();
            var earliestGap = open.Where(f => f.WindowStartUtc is not null).Min(f => f.WindowStartUtc);
            DateTime? completeThrough = watermark?.LoadedThroughUtc is { } through && earliestGap is { } gap && gap < through ? gap : watermark?.LoadedThroughUtc;
            reports.Add(new ReportStatus(
                sourceId,
                watermark?.SourceName ?? summary?.SourceName,
                report,
                watermark?.LoadedThroughUtc,
                watermark is null ? null : Math.Round((now - watermark.LoadedThroughUtc).TotalMinutes, 1),
                completeThrough,
                summary?.LastSuccessUtc,
                summary?.LastStartedUtc,
                summary?.Succeeded ?? 0,
                summary?.Failed ?? 0,
                summary?.Running ?? 0,
                open.Count));
        }

        return new StatusReport(now, reports, failures, dismissed, last, abandoned)
        {
            Reference = SourceReferenceStatus.From(summaries),
            RecordingFailures = await Warehouse.Recordings.WarehouseRecordings.For(warehouse).GetFailuresAsync(RecordingFailuresListed, cancellationToken),
            RecordingFailureCounts = await Warehouse.Recordings.WarehouseRecordings.For(warehouse).CountFailuresAsync(recordings.MaxAttempts, cancellationToken),
        };
    }

    /// <summary>Open failures, one per window (repeated attempts at the same window are one gap), oldest window first.</summary>
    public static IReadOnlyList<FailedWindowStatus> OpenWindows(IReadOnlyList<LoadBatchRecord> failures) =>
        [.. failures
            .GroupBy(WindowKey)
            .Select(g => Describe(g.MaxBy(f => f.LoadBatchId)!, g.Count()))
            .OrderBy(f => f.WindowStartUtc ?? DateTime.MaxValue)
            .ThenBy(f => f.LoadBatchId)];

    private static List<FailedWindowStatus> DismissedWindows(IReadOnlyList<DismissedFailure> dismissed) =>
        [.. dismissed
            .GroupBy(d => WindowKey(d.Batch))
            .Select(g =>
            {
                var newest = g.MaxBy(d => d.Batch.LoadBatchId)!;
                return Describe(newest.Batch, g.Count()) with { DismissedReason = newest.Reason, DismissedUtc = newest.DismissedUtc };
            })
            .OrderBy(f => f.LoadBatchId)];

    private static (string, string, DateTime?, DateTime?, string?) WindowKey(LoadBatchRecord f) =>
        (f.SourceId, f.Report, f.WindowStartUtc, f.WindowEndUtc, f.WindowStartUtc is null ? f.LandedFile : null);

    private static FailedWindowStatus Describe(LoadBatchRecord newest, int attempts) => new(
        newest.LoadBatchId,
        newest.SourceId,
        newest.Report,
        newest.WindowStartUtc,
        newest.WindowEndUtc,
        newest.LandedFile is null ? "extract" : "load",
        newest.Error,
        newest.FinishedUtc,
        attempts,
        newest.LandedFile,
        newest.LandedFile is { } file && File.Exists(file));
}
