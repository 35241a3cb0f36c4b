using Microsoft.Data.Sqlite;
using RcWarehouse.Warehouse.Staging;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// Writes rows into the batch's TEMP stage table with a prepared multi-row INSERT, collecting the dimension members they
/// name on the way; the set-based publish statements then read the stage (segments).
/// </summary>
internal sealed class SqliteStageWriter<TRow> : ISqliteRowSink<TRow>
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction? _transaction;
    private readonly StageLayout<TRow> _layout;
    private readonly long _loadBatchId;
    private readonly (MemberCollector Collector, int Id, int Attribute)[] _members;
    private readonly (DateTime Value, string Text)[] _lastTimes;
    private readonly object?[] _values;
    private readonly MultiRowStatement _insert;

    public SqliteStageWriter(SqliteConnection connection, SqliteTransaction? transaction, StageLayout<TRow> layout, long loadBatchId, int rowsPerStatement)
    {
        _connection = connection;
        _transaction = transaction;
        _layout = layout;
        _loadBatchId = loadBatchId;
        _members = [.. SqliteStatements.MembersOf(layout.Table).Select(m => (new MemberCollector(m), layout.IndexOf(m.IdColumn), layout.IndexOf(m.AttributeColumn)))];
        _lastTimes = new (DateTime, string)[layout.Columns.Count];
        _values = new object?[rowsPerStatement * layout.Columns.Count];
        _insert = Insert(rowsPerStatement);
    }

    public string Target => SqliteStatements.StageTable(_layout.Table);

    public SqliteRowBuffer<TRow> Prepare(TRow[] rows) => new(rows, null);

    public Task WriteAsync(SqliteRowBuffer<TRow> buffer, CancellationToken cancellationToken)
    {
        var rows = buffer.Rows;
        var columns = _layout.Columns;
        for (var r = 0; r < rows.Length; r++)
        {
            var offset = r * columns.Count;
            for (var i = 0; i < columns.Count; i++)
            {
                var value = columns[i].Get(rows[r]);
                _values[offset + i] = value is DateTime time ? TimeText(time, ref _lastTimes[i]) : SqliteDialect.ToDb(value);
            }

            foreach (var (collector, id, attribute) in _members)
            {
                if (_values[offset + id] is string memberId)
                {
                    collector.Add(memberId, _values[offset + attribute] as string);
                }
            }
        }

        if (rows.Length == _insert.Rows)
        {
            _insert.Execute(_values);
        }
        else
        {
            // The remainder: one shorter statement, once.
            using var tail = Insert(rows.Length);
            tail.Execute(_values);
        }

        return Task.CompletedTask;
    }

    public void Complete()
    {
        foreach (var (collector, _, _) in _members)
        {
            collector.Write(_connection, _transaction);
        }
    }

    public void Dispose() => _insert.Dispose();

    // Rows arrive slot after slot, so most rows repeat the previous row's time: format each distinct time once.
    private static string TimeText(DateTime value, ref (DateTime Value, string Text) last)
    {
        if (last.Text is null || last.Value != value || last.Value.Kind != value.Kind)
        {
            last = (value, (string)SqliteDialect.ToDb(value)!);
        }

        return last.Text;
    }

    private MultiRowStatement Insert(int rows) =>
        new(_connection, SqliteStatements.StageInsert(_layout, rows), rows, _layout.Columns.Count, ("@load_batch_id", _loadBatchId));
}
