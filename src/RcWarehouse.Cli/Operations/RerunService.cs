using Microsoft.Extensions.Logging;
using RcWarehouse.Cli.Sync;
using RcWarehouse.Core.Landing;
using RcWarehouse.Core.Reports;
using RcWarehouse.RingCx;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Operations;

namespace RcWarehouse.Cli.Operations;

/// <summary>
/// <c>rerun</c>: reload the failed windows still open (from their landed files, which are kept; re-extracted when the
/// file is gone), or re-extract and reload a chosen span. Both replace whole intervals, so running either twice changes
/// nothing the first run did not.
/// </summary>
public sealed class RerunService(RingCxOptions ringCx, OperationsOptions operations, WindowRunner runner, ILogger<RerunService> logger)
{
    public async Task<IReadOnlyList<RerunOutcome>> RerunFailedAsync(string? source, IReadOnlyList<ReportKind> reports, CancellationToken cancellationToken)
    {
        var ops = WarehouseOperations.For(runner.Warehouse);
        await ops.AbandonDeadBatchesAsync(operations.StaleBatchAfter, cancellationToken);
        var subAccounts = source is null ? null : SourceSelection.Select(ringCx, source).Select(p => p.SubAccountId).ToHashSet(StringComparer.Ordinal);
        var reportNames = reports.Select(r => r.ToName()).ToHashSet(StringComparer.Ordinal);

        // The same window may have failed several times; its newest failure names the newest landed file.
        var failures = (await ops.GetOpenFailuresAsync(cancellationToken))
            .Where(f => (subAccounts is null || subAccounts.Contains(f.SourceId)) && reportNames.Contains(f.Report))
            .GroupBy(f => (f.SourceId, f.Report, f.WindowStartUtc, f.WindowEndUtc, Window: f.WindowStartUtc is null ? f.LandedFile : null))
            .Select(g => g.MaxBy(f => f.LoadBatchId)!)
            .OrderBy(f => f.LoadBatchId)
            .ToList();

        var outcomes = new List<RerunOutcome>(failures.Count);
        foreach (var failure in failures)
        {
            outcomes.Add(await RerunOneAsync(failure, cancellationToken));
        }

        return outcomes;
    }

    /// <summary>Re-extracts and reloads [from, to) for the selected sources and reports, whatever was loaded before.</summary>
    public async Task<SyncRunSummary> RerunWindowAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        if (request.ToUtc <= request.FromUtc)
        {
            throw new UsageException("--to must be after --from");
        }

        await WarehouseOperations.For(runner.Warehouse).AbandonDeadBatchesAsync(operations.StaleBatchAfter, cancellationToken);
        return await runner.RunRangeAsync(ringCx, request, cancellationToken);
    }

    private async Task<RerunOutcome> RerunOneAsync(LoadBatchRecord failure, CancellationToken cancellationToken)
    {
        try
        {
            if (failure.LandedFile is { } file && File.Exists(file) && File.Exists(LandingManifest.PathFor(file)))
            {
                var manifest = await LandingManifest.ReadAsync(LandingManifest.PathFor(file), cancellationToken);
                var result = await runner.LoadLandedAsync(file, manifest, cancellationToken);
                return new RerunOutcome(failure, "reloaded from the landed file", result.LoadBatchId, null);
            }

            if (failure.WindowStartUtc is not { } start || failure.WindowEndUtc is not { } end || !ReportKindNames.TryParse(failure.Report, out var report))
            {
                return new RerunOutcome(failure, "still failing", null, "the landed file is gone and the batch has no window to extract again");
            }

            var configured = ringCx.Sources.FirstOrDefault(s => s.SubAccountIds.Contains(failure.SourceId, StringComparer.Ordinal));
            if (configured is null)
            {
                return new RerunOutcome(failure, "still failing", null, $"the landed file is gone and sub-account {failure.SourceId} is not configured, so the window cannot be extracted again");
            }

            var windows = runner.Plan(configured, report, start, end);
            var summary = await runner.RunWindowsAsync(configured, failure.SourceId, windows, stopAtFirstFailure: true, null, cancellationToken);
            return summary.Succeeded && summary.WindowsLoaded > 0
                ? new RerunOutcome(failure, "extracted again and reloaded", null, null)
                : new RerunOutcome(failure, "still failing", null, summary.Failures.Count > 0 ? summary.Failures[0].Error : "the window has not settled yet");
        }
#pragma warning disable CA1031 // Each failed window is retried on its own; its new failure is recorded in its batch and reported in the outcome table.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            logger.LogDebug(ex, "Rerun of batch {LoadBatchId} failed", failure.LoadBatchId);
            return new RerunOutcome(failure, "still failing", null, ex.Message.ReplaceLineEndings(" "));
        }
    }
}

/// <summary>What rerun did with one failed window.</summary>
public sealed record RerunOutcome(LoadBatchRecord Failure, string Outcome, long? NewLoadBatchId, string? Error)
{
    public bool Cleared => Error is null;
}
