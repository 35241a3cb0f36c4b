using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// One multi-row stage INSERT prepared on the connection's own handle and bound by parameter index. Microsoft.Data.Sqlite
/// binds every parameter by name on every execution, and SQLite looks names up with a linear scan, so a statement of a
/// thousand parameters would spend its time finding them; here the indexes are looked up once, at prepare time.
/// Values are bound as Microsoft.Data.Sqlite binds them: long as INTEGER, string as TEXT, null as NULL.
/// </summary>
internal sealed class StageInsertStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _indexes;

    public StageInsertStatement(SqliteConnection connection, string sql, long loadBatchId, int rows, int columns)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        Check(raw.sqlite3_bind_int64(_statement, Index("@load_batch_id"), loadBatchId));
        _indexes = new int[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < columns; i++)
            {
                _indexes[(r * columns) + i] = Index(SqliteStatements.StageParameter(r, i));
            }
        }
    }

    /// <summary>Binds the first <c>rows x columns</c> values (row-major) and runs the INSERT.</summary>
    public void Execute(object?[] values)
    {
        for (var i = 0; i < _indexes.Length; i++)
        {
            var index = _indexes[i];
            Check(values[i] switch
            {
                null => raw.sqlite3_bind_null(_statement, index),
                string s => raw.sqlite3_bind_text(_statement, index, s),
                long l => raw.sqlite3_bind_int64(_statement, index, l),
                int n => raw.sqlite3_bind_int64(_statement, index, n),
                var other => throw new InvalidOperationException($"Staging cannot bind a {other.GetType().Name}."),
            });
        }

        var rc = raw.sqlite3_step(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            // Before the reset, while the connection's error message is still this statement's.
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        Check(raw.sqlite3_reset(_statement));
    }

    public void Dispose() => _statement.Dispose();

    private int Index(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new InvalidOperationException($"The stage INSERT has no parameter {name}.");
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
