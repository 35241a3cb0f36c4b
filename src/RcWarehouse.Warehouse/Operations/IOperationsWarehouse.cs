using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;

namespace RcWarehouse.Warehouse.Operations;

/// <summary>
/// What operators and the scheduled jobs ask of the warehouse beyond loading: watermarks, batch outcomes, failed
/// windows still open, windows already loaded, and batches left running by a process that died. Every warehouse
/// <see cref="WarehouseFactory"/> creates implements it; <see cref="WarehouseOperations.For"/> gets it.
/// </summary>
public interface IOperationsWarehouse
{
    /// <summary>
    /// Marks failed every running batch whose owner process is known dead (same machine, process gone or replaced),
    /// or that started longer than <paramref name="staleAfter"/> ago (owners on other machines cannot be checked).
    /// </summary>
    Task<IReadOnlyList<AbandonedBatch>> AbandonDeadBatchesAsync(TimeSpan staleAfter, CancellationToken cancellationToken);

    Task<IReadOnlyList<WatermarkRecord>> GetWatermarksAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<BatchSummary>> GetBatchSummariesAsync(CancellationToken cancellationToken);

    /// <summary>Failed batches that no later successful batch of the same source and report has replaced, and no operator dismissed, oldest first.</summary>
    Task<IReadOnlyList<LoadBatchRecord>> GetOpenFailuresAsync(CancellationToken cancellationToken);

    /// <summary>Windows of the successful batches of one source (sub-account id) and report that overlap <paramref name="within"/>.</summary>
    Task<IReadOnlyList<UtcWindow>> GetLoadedWindowsAsync(string sourceId, ReportKind report, UtcWindow within, CancellationToken cancellationToken);

    /// <summary>
    /// Records a window that was attempted and not published before any batch existed for it (extraction failed: API
    /// error after retries, authentication refused, an answer that could not be landed) as a failed batch.
    /// </summary>
    Task<long> RecordFailedWindowAsync(FailedWindow failure, CancellationToken cancellationToken);

    /// <summary>
    /// Accepts an open failure: every failed attempt at the same source, report and window gets a dismissal with the
    /// reason, and the window stops counting as open. Returns how many failed batches were dismissed (0 when
    /// <paramref name="loadBatchId"/> is not an open failure).
    /// </summary>
    Task<int> DismissFailureAsync(long loadBatchId, string reason, CancellationToken cancellationToken);

    Task<IReadOnlyList<DismissedFailure>> GetDismissedFailuresAsync(CancellationToken cancellationToken);
}
