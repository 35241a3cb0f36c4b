using Microsoft.Extensions.Logging;
using RcWarehouse.Cli.Sync;
using RcWarehouse.Core.Reports;
using RcWarehouse.RingCx;
using RcWarehouse.Warehouse.Operations;

namespace RcWarehouse.Cli.Operations;

/// <summary>
/// The intraday and nightly pulls, per configured sub-account (in parallel: each has its own rate-limit budget) and
/// report (in turn). Both first mark batches abandoned by dead processes as failed, so nothing stays 'running' forever,
/// and both end by filling open gaps: windows that failed earlier (in a backfill, a sync, a rerun or a scheduled run)
/// and that no success has covered since are extracted again and loaded, oldest first (intraday at most
/// <see cref="OperationsOptions.GapFillsPerRun"/> per sub-account, so fresh data never waits behind old gaps; nightly all).
/// Dismissed failures are not gaps.
/// </summary>
public sealed class ScheduledSync(RingCxOptions ringCx, OperationsOptions operations, WindowRunner runner, TimeProvider time, ILogger<ScheduledSync> logger)
{
    /// <summary>
    /// Every completed interval since each source and report's watermark (or <see cref="OperationsOptions.InitialLookBack"/>
    /// when there is none). Windows run in time order and a (source, report) stops at its first failure: the watermark
    /// only ever moves to the end of a published window, so stopping keeps it below the failed one and the next run
    /// starts there again.
    /// </summary>
    public async Task<SyncRunSummary> IntradayAsync(string? source, CancellationToken cancellationToken)
    {
        var ops = WarehouseOperations.For(runner.Warehouse);
        await ops.AbandonDeadBatchesAsync(operations.StaleBatchAfter, cancellationToken);
        var watermarks = (await ops.GetWatermarksAsync(cancellationToken))
            .ToDictionary(w => (w.SourceId, w.Report), w => w.LoadedThroughUtc);
        var now = time.GetUtcNow().UtcDateTime;
        var initial = now - operations.InitialLookBack;
        var parts = await Task.WhenAll(SourceSelection.Select(ringCx, source).Select(async p =>
        {
            var cursor = (ReportKind report) => watermarks.TryGetValue((p.SubAccountId, report.ToName()), out var loadedThrough) ? loadedThrough : initial;
            var pulled = await RunSubAccountAsync(p.Source, p.SubAccountId, cursor, now, stopAtFirstFailure: true, cancellationToken);
            var filled = await FillGapsAsync(p.Source, p.SubAccountId, cursor, Math.Max(0, operations.GapFillsPerRun), cancellationToken);
            return SyncRunSummary.Combine([pulled, filled]);
        }));
        return SyncRunSummary.Combine(parts);
    }

    /// <summary>
    /// Re-pulls the last <see cref="OperationsOptions.NightlyLookBackDays"/> days whatever was loaded before, so numbers
    /// RingCX corrected after they were first pulled replace the provisional ones. A failed window does not stop the
    /// others (the watermark is already past them); it stays visible in <c>status</c> until a rerun or the next night.
    /// </summary>
    public async Task<SyncRunSummary> NightlyAsync(string? source, CancellationToken cancellationToken)
    {
        var ops = WarehouseOperations.For(runner.Warehouse);
        await ops.AbandonDeadBatchesAsync(operations.StaleBatchAfter, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var from = now - TimeSpan.FromDays(Math.Max(1, operations.NightlyLookBackDays));
        var parts = await Task.WhenAll(SourceSelection.Select(ringCx, source).Select(async p =>
        {
            var pulled = await RunSubAccountAsync(p.Source, p.SubAccountId, _ => from, now, stopAtFirstFailure: false, cancellationToken);
            var filled = await FillGapsAsync(p.Source, p.SubAccountId, _ => DateTime.MaxValue, int.MaxValue, cancellationToken);
            return SyncRunSummary.Combine([pulled, filled]);
        }));
        return SyncRunSummary.Combine(parts);
    }

    /// <summary>
    /// Extracts again and loads up to <paramref name="limit"/> open gaps of one sub-account, oldest first. Gaps at or
    /// after <paramref name="cursorFor"/> (the report's intraday start) are left to the regular pull, which covers them.
    /// </summary>
    private async Task<SyncRunSummary> FillGapsAsync(
        SourceOptions source, string subAccountId, Func<ReportKind, DateTime> cursorFor, int limit, CancellationToken cancellationToken)
    {
        if (limit == 0)
        {
            return new SyncRunSummary(0, 0, []);
        }

        var open = StatusService.OpenWindows(await WarehouseOperations.For(runner.Warehouse).GetOpenFailuresAsync(cancellationToken));
        var gaps = open
            .Where(g => string.Equals(g.SourceId, subAccountId, StringComparison.Ordinal) && g.WindowStartUtc is not null && g.WindowEndUtc is not null)
            .Select(g => (Gap: g, Known: ReportKindNames.TryParse(g.Report, out var report), Report: report))
            .Where(g => g.Known && g.Gap.WindowStartUtc < cursorFor(g.Report))
            .Take(limit)
            .ToList();
        var parts = new List<SyncRunSummary>(gaps.Count);
        foreach (var (gap, _, report) in gaps)
        {
            var windows = runner.Plan(source, report, gap.WindowStartUtc!.Value, gap.WindowEndUtc!.Value);
            logger.LogInformation("{Source}/{SubAccount} {Report}: filling the open gap of failed batch {Batch} ({Count} window(s))",
                source.Name, subAccountId, gap.Report, gap.LoadBatchId, windows.Count);
            parts.Add(await runner.RunWindowsAsync(source, subAccountId, windows, stopAtFirstFailure: true, null, cancellationToken));
        }

        return SyncRunSummary.Combine(parts);
    }

    private async Task<SyncRunSummary> RunSubAccountAsync(
        SourceOptions source, string subAccountId, Func<ReportKind, DateTime> fromFor, DateTime toUtc, bool stopAtFirstFailure, CancellationToken cancellationToken)
    {
        var parts = new List<SyncRunSummary>();
        foreach (var report in ReportKindNames.All)
        {
            var from = fromFor(report);
            var windows = runner.Plan(source, report, from, toUtc);
            logger.LogInformation("{Source}/{SubAccount} {Report}: {Count} window(s) from {FromUtc:O}", source.Name, subAccountId, report.ToName(), windows.Count, from);
            parts.Add(await runner.RunWindowsAsync(source, subAccountId, windows, stopAtFirstFailure, null, cancellationToken));
        }

        return SyncRunSummary.Combine(parts);
    }
}
