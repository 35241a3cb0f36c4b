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

    /// <summary>Runs the pending windows, sub-accounts in parallel; <paramref name="onProgress"/> hears about each finished window.</summary>
    public async Task<SyncRunSummary> RunAsync(BackfillPlan plan, Action<BackfillProgress>? onProgress, CancellationToken cancellationToken)
    {
        var remaining = plan.SubAccounts.ToDictionary(s => s.SubAccountId, s => s.Pending.Count, StringComparer.Ordinal);
        var total = plan.Pending;
        var done = 0;
        var gate = new Lock();
        var parts = await Task.WhenAll(plan.SubAccounts.Select(sub => runner.RunWindowsAsync(
            sub.Source,
            sub.SubAccountId,
            sub.Pending,
            stopAtFirstFailure: false,
            (window, failure) =>
            {
                BackfillProgress progress;
                lock (gate)
                {
                    remaining[sub.SubAccountId]--;
                    done++;
                    progress = new BackfillProgress(done, total, Eta(remaining), sub.Source.Name, sub.SubAccountId, window, failure);
                }

                onProgress?.Invoke(progress);
            },
            cancellationToken)));
        return SyncRunSummary.Combine(parts) with { WindowsSkipped = plan.Skipped };
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

/// <summary>One finished window of a backfill, with the rate-limit ETA for the rest.</summary>
public sealed record BackfillProgress(int Done, int Total, TimeSpan Eta, string SourceName, string SubAccountId, PlannedWindow Window, WindowFailure? Failure);
