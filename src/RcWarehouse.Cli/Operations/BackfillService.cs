using RcWarehouse.Cli.Sync;
using RcWarehouse.Core.Intervals;
using RcWarehouse.RingCx;
using RcWarehouse.RingCx.Extraction;
using RcWarehouse.Warehouse.Operations;

namespace RcWarehouse.Cli.Operations;

/// <summary>
/// <c>backfill</c>: pulls history window by window. Resumable: a window that successful batches already cover is
/// skipped, so a backfill interrupted at any point and started again only does what is left. The ETA comes from each
/// sub-account's rate-limit budget (the real bound on how fast history comes in), not from the speed so far.
/// </summary>
public sealed class BackfillService(RingCxOptions ringCx, OperationsOptions operations, WindowRunner runner, RingCxClient client, TimeProvider time)
{
    public async Task<BackfillPlan> PlanAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        if (request.ToUtc <= request.FromUtc)
        {
            throw new UsageException("--to must be after --from");
        }

        var ops = WarehouseOperations.For(runner.Warehouse);
        await ops.AbandonDeadBatchesAsync(operations.StaleBatchAfter, cancellationToken);
        var subAccounts = new List<BackfillSubAccount>();
        var skipped = 0;
        foreach (var (source, subAccountId) in SourceSelection.Select(ringCx, request.Source))
        {
            var pending = new List<PlannedWindow>();
            foreach (var report in request.Reports)
            {
                var windows = runner.Plan(source, report, request.FromUtc, request.ToUtc);
                if (windows.Count == 0)
                {
                    continue;
                }

                var loaded = await ops.GetLoadedWindowsAsync(subAccountId, report, new UtcWindow(windows[0].StartUtc, windows[^1].EndUtc), cancellationToken);
                foreach (var window in windows)
                {
                    if (IsCovered(window, loaded))
                    {
                        skipped++;
                    }
                    else
                    {
                        pending.Add(window);
                    }
                }
            }

            subAccounts.Add(new BackfillSubAccount(source, subAccountId, pending));

            // The ETA starts from what every process has already spent of this sub-account's budget.
            await client.ReportLimiter(subAccountId).RefreshAsync(cancellationToken);
        }

        return new BackfillPlan(subAccounts, skipped);
    }

    /// <summary>Live measures of <paramref name="plan"/>'s run: pass the same meter to <see cref="RunAsync(BackfillPlan, BackfillMeter, Action{BackfillProgress}?, CancellationToken)"/>.</summary>
    public BackfillMeter Meter(BackfillPlan plan) => new(plan, client, time);

    /// <summary>Runs the pending windows, sub-accounts in parallel; <paramref name="onProgress"/> hears about each finished window.</summary>
    public Task<SyncRunSummary> RunAsync(BackfillPlan plan, Action<BackfillProgress>? onProgress, CancellationToken cancellationToken) =>
        RunAsync(plan, Meter(plan), onProgress, cancellationToken);

    /// <summary>
    /// Runs the pending windows, sub-accounts in parallel, keeping <paramref name="meter"/> current: each finished
    /// window, and the shared budget read again from the ledger every second (so the ETA follows what other processes
    /// spend while this one waits); <paramref name="onProgress"/> hears about each finished window.
    /// </summary>
    public async Task<SyncRunSummary> RunAsync(BackfillPlan plan, BackfillMeter meter, Action<BackfillProgress>? onProgress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(meter);
        using var stopRefreshing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var refreshing = RefreshEverySecondAsync(meter, stopRefreshing.Token);
        try
        {
            var parts = await Task.WhenAll(plan.SubAccounts.Select(sub => runner.RunWindowsAsync(
                sub.Source,
                sub.SubAccountId,
                sub.Pending,
                stopAtFirstFailure: false,
                (window, failure) =>
                {
                    meter.WindowDone(sub.SubAccountId, failure is not null);
                    var status = meter.Snapshot();
                    onProgress?.Invoke(new BackfillProgress(status.Done, status.Total, status.Eta, sub.Source.Name, sub.SubAccountId, window, failure) { Status = status });
                },
                cancellationToken)));
            return SyncRunSummary.Combine(parts) with { WindowsSkipped = plan.Skipped };
        }
        finally
        {
            await stopRefreshing.CancelAsync();
            await refreshing;
        }
    }

    private async Task RefreshEverySecondAsync(BackfillMeter meter, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await meter.RefreshAsync(cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Only the ETA depends on this read: a failed one keeps the last state and is tried again.
            catch (Exception)
#pragma warning restore CA1031
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// When the rate limit lets the last pending request of the slowest sub-account go (request durations come on top),
    /// from each shared budget as last seen: refreshed by <see cref="PlanAsync"/> and by every grant this process takes.
    /// </summary>
    public TimeSpan Eta(IReadOnlyDictionary<string, int> remainingBySubAccount)
    {
        var now = time.GetUtcNow();
        var finish = now;
        foreach (var (subAccountId, count) in remainingBySubAccount)
        {
            if (count > 0)
            {
                var at = client.ReportLimiter(subAccountId).EstimateGrantTime(count);
                finish = at > finish ? at : finish;
            }
        }

        return finish - now;
    }

    /// <summary>True when successful batches' windows, together, cover every instant of <paramref name="window"/>.</summary>
    public static bool IsCovered(PlannedWindow window, IReadOnlyList<UtcWindow> loaded)
    {
        var reached = window.StartUtc;
        foreach (var w in loaded.OrderBy(w => w.StartUtc))
        {
            if (w.StartUtc > reached)
            {
                break;
            }

            if (w.EndUtc > reached)
            {
                reached = w.EndUtc;
            }

            if (reached >= window.EndUtc)
            {
                return true;
            }
        }

        return reached >= window.EndUtc;
    }
}

/// <summary>What a backfill will do: the windows still to load per sub-account, and how many were skipped as loaded.</summary>
public sealed record BackfillPlan(IReadOnlyList<BackfillSubAccount> SubAccounts, int Skipped)
{
    public int Pending => SubAccounts.Sum(s => s.Pending.Count);

    public IReadOnlyDictionary<string, int> PendingBySubAccount => SubAccounts.ToDictionary(s => s.SubAccountId, s => s.Pending.Count, StringComparer.Ordinal);
}

public sealed record BackfillSubAccount(SourceOptions Source, string SubAccountId, IReadOnlyList<PlannedWindow> Pending);

/// <summary>One finished window of a backfill, with the ETA for the rest and the backfill's state as it stands.</summary>
public sealed record BackfillProgress(int Done, int Total, TimeSpan Eta, string SourceName, string SubAccountId, PlannedWindow Window, WindowFailure? Failure)
{
    public BackfillStatus? Status { get; init; }
}
