using RcWarehouse.Core.Reports.AgentExtended;
using RcWarehouse.Core.Reports.AgentStats;
using RcWarehouse.Core.Reports.QueueStats;
using RcWarehouse.Core.Reports.Segments;

namespace RcWarehouse.Warehouse;

/// <summary>The star schema: migrations and the streaming publish protocol. Create one with <see cref="WarehouseFactory"/>.</summary>
public interface IWarehouse : IReferenceWarehouse, IAsyncDisposable
{
    /// <summary>Runs the numbered scripts not yet applied, then re-applies every view. Creates the SQLite file's folder if needed.</summary>
    Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Checks, without changing anything, that the schema is exactly this release's; throws
    /// <see cref="WarehouseSchemaException"/> saying what to do otherwise (run <c>migrate</c>, or use a newer release).
    /// </summary>
    Task EnsureSchemaCurrentAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records a running batch, streams <paramref name="rows"/> into staging and publishes them in one transaction.
    /// On any exception (including one thrown by <paramref name="rows"/>) nothing is published, the batch is recorded
    /// as failed with the message, and the exception is rethrown.
    /// </summary>
    Task<LoadResult> LoadAsync(BatchRequest request, IAsyncEnumerable<AgentExtendedRow> rows, CancellationToken cancellationToken);

    /// <inheritdoc cref="LoadAsync(BatchRequest, IAsyncEnumerable{AgentExtendedRow}, CancellationToken)"/>
    Task<LoadResult> LoadAsync(BatchRequest request, IAsyncEnumerable<QueueStatsRow> rows, CancellationToken cancellationToken);

    /// <inheritdoc cref="LoadAsync(BatchRequest, IAsyncEnumerable{AgentExtendedRow}, CancellationToken)"/>
    Task<LoadResult> LoadAsync(BatchRequest request, IAsyncEnumerable<SegmentRow> rows, CancellationToken cancellationToken);

    /// <inheritdoc cref="LoadAsync(BatchRequest, IAsyncEnumerable{AgentExtendedRow}, CancellationToken)"/>
    Task<LoadResult> LoadAsync(BatchRequest request, IAsyncEnumerable<AgentStatsRow> rows, CancellationToken cancellationToken);

    /// <summary>The most recent <c>etl.load_batch</c> rows, newest first, optionally for one source (sub-account id).</summary>
    Task<IReadOnlyList<LoadBatchRecord>> GetBatchesAsync(string? sourceId, int limit, CancellationToken cancellationToken);
}
