using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Operations;

namespace RcWarehouse.Cli.Operations;

public static class StatusService
{
    /// <summary>
    /// Builds the status. Batches left running by a dead process are recorded as failed first, so that what is shown
    /// as running is really running and the abandoned windows appear among the failures.
    /// </summary>
    public static async Task<StatusReport> BuildAsync(IWarehouse warehouse, OperationsOptions options, TimeProvider time, int lastBatches, CancellationToken cancellationToken)
    {
        var ops = WarehouseOperations.For(warehouse);
        var abandoned = await ops.AbandonDeadBatchesAsync(options.StaleBatchAfter, cancellationToken);
        var watermarks = await ops.GetWatermarksAsync(cancellationToken);
        var summaries = await ops.GetBatchSummariesAsync(cancellationToken);
        var failures = await ops.GetOpenFailuresAsync(cancellationToken);
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
            reports.Add(new ReportStatus(
                sourceId,
                watermark?.SourceName ?? summary?.SourceName,
                report,
                watermark?.LoadedThroughUtc,
                watermark is null ? null : Math.Round((now - watermark.LoadedThroughUtc).TotalMinutes, 1),
                summary?.LastSuccessUtc,
                summary?.LastStartedUtc,
                summary?.Succeeded ?? 0,
                summary?.Failed ?? 0,
                summary?.Running ?? 0,
                failures.Count(f => f.SourceId == sourceId && f.Report == report)));
        }

        return new StatusReport(now, reports, failures, last, abandoned);
    }
}
