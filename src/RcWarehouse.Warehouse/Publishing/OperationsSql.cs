namespace RcWarehouse.Warehouse.Publishing;

/// <summary>
/// The statements behind status, rerun, backfill and stale-batch detection (<see cref="Operations.IOperationsWarehouse"/>).
/// Batch-row columns are read in the order of <see cref="WarehouseSql.SelectBatches"/>.
/// </summary>
internal sealed record OperationsSql
{
    /// <summary>Records the process that runs a batch, in the transaction that creates the batch row.</summary>
    public required NamedSql ClaimBatch { get; init; }

    /// <summary>Running batches with their owner (null for batches recorded before the owner existed).</summary>
    public required NamedSql SelectRunningBatches { get; init; }

    /// <summary>Marks one batch failed if it is still running; returns its id when it did, nothing otherwise.</summary>
    public required NamedSql AbandonBatch { get; init; }

    public required NamedSql SelectWatermarks { get; init; }

    /// <summary>Per source and report: batch counts by status, last success, last start.</summary>
    public required NamedSql SelectBatchSummaries { get; init; }

    /// <summary>Failed batches no later successful batch of the same source and report covers.</summary>
    public required NamedSql SelectOpenFailures { get; init; }

    /// <summary>Windows of successful batches of one source and report overlapping [@from_utc, @to_utc).</summary>
    public required NamedSql SelectLoadedWindows { get; init; }

    /// <summary>
    /// Records a window that was attempted and not published before any batch existed for it (the API failed, or the
    /// answer could not be landed) as a failed batch; returns its id.
    /// </summary>
    public required NamedSql RecordFailedWindow { get; init; }

    /// <summary>Dismisses the failed batches of the same source, report and window as @load_batch_id not yet dismissed.</summary>
    public required NamedSql DismissFailures { get; init; }

    /// <summary>Dismissed failed batches with the reason and when.</summary>
    public required NamedSql SelectDismissedFailures { get; init; }

    public IEnumerable<NamedSql> All() =>
        [
            ClaimBatch, SelectRunningBatches, AbandonBatch, SelectWatermarks, SelectBatchSummaries, SelectOpenFailures, SelectLoadedWindows,
            RecordFailedWindow, DismissFailures, SelectDismissedFailures,
        ];
}
