namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>Where the SQLite stager's buffers of rows go: a stage table, or straight into a fact.</summary>
internal interface ISqliteRowSink<TRow> : IDisposable
{
    /// <summary>What the rows are written into, for logs.</summary>
    string Target { get; }

    /// <summary>
    /// Runs on the reading side, concurrently with <see cref="WriteAsync"/> of earlier buffers: the per-row work that
    /// needs neither the connection nor the sink's state, taken off the writing side.
    /// </summary>
    SqliteRowBuffer<TRow> Prepare(TRow[] rows);

    Task WriteAsync(SqliteRowBuffer<TRow> buffer, CancellationToken cancellationToken);

    /// <summary>After the last buffer: writes what was collected on the way (the batch's dimension members).</summary>
    void Complete();
}
