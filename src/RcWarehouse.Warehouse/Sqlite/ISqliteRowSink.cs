namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>Where the SQLite stager's buffers of rows go: a stage table, or straight into a fact.</summary>
internal interface ISqliteRowSink<TRow> : IDisposable
{
    /// <summary>What the rows are written into, for logs.</summary>
    string Target { get; }

    Task WriteAsync(TRow[] rows, CancellationToken cancellationToken);

    /// <summary>After the last buffer: writes what was collected on the way (the batch's dimension members).</summary>
    void Complete();
}
