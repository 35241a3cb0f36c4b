using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// One multi-row statement (<c>VALUES (@r0c0, ...), (@r1c0, ...)</c>) prepared on the connection's own handle and bound
/// by parameter index. Microsoft.Data.Sqlite binds every parameter by name on every execution, and SQLite looks names up
/// with a linear scan, so a statement of a thousand parameters would spend its time finding them; here the indexes are
/// looked up once, at prepare time. Values are bound as Microsoft.Data.Sqlite binds them: long and int as INTEGER,
/// string as TEXT, null as NULL. Named constants (@load_batch_id, @source_key) are bound once.
/// </summary>
internal sealed class MultiRowStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _indexes;
    private readonly IntPtr _handle;

    public MultiRowStatement(SqliteConnection connection, string sql, int rows, int columns, params ReadOnlySpan<(string Name, long Value)> constants)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Rows = rows;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        _handle = _statement.DangerousGetHandle();
        foreach (var (name, value) in constants)
        {
            Check(raw.sqlite3_bind_int64(_statement, Index(name), value));
        }

        _indexes = new int[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < columns; i++)
            {
                _indexes[(r * columns) + i] = Index(SqliteStatements.StageParameter(r, i));
            }
        }
    }

    /// <summary>How many rows one execution writes.</summary>
    public int Rows { get; }

    /// <summary>Binds the first <c>rows x columns</c> values (row-major) and runs the statement.</summary>
    public void Execute(object?[] values)
    {
        for (var i = 0; i < _indexes.Length; i++)
        {
            BindAt(_indexes[i], values[i]);
        }

        Step();
    }

    /// <summary>Binds one value of one row (row-major position <paramref name="position"/>); <see cref="Step"/> runs the statement once all are bound.</summary>
    public void Bind(int position, object? value) => BindAt(_indexes[position], value);

    public void BindInt64(int position, long value) => Check(BindInt64At(_indexes[position], value));

    /// <summary>Runs the statement with the values bound so far (every position must be bound), then resets it for the next rows.</summary>
    public void Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            // Reset first (it ends the failed step, so a rolled-back statement does not linger), then report the
            // step's own error: reset returns the same code, and the connection's message is still this statement's.
            var message = raw.sqlite3_errmsg(_db).utf8_to_string();
            var extended = raw.sqlite3_extended_errcode(_db);
            raw.sqlite3_reset(_statement);
            throw new SqliteException($"SQLite Error {rc}: '{message}'.", rc, extended);
        }

        Check(raw.sqlite3_reset(_statement));
    }

    public void Dispose() => _statement.Dispose();

    private int BindInt64At(int index, long value) =>
        NativeBindings.Usable ? NativeBindings.BindInt64(_handle, index, value) : raw.sqlite3_bind_int64(_statement, index, value);

    private void BindAt(int index, object? value) =>
        Check(value switch
        {
            null => NativeBindings.Usable ? NativeBindings.BindNull(_handle, index) : raw.sqlite3_bind_null(_statement, index),
            string s => raw.sqlite3_bind_text(_statement, index, s),
            long l => BindInt64At(index, l),
            int n => BindInt64At(index, n),
            var other => throw new InvalidOperationException($"A multi-row statement cannot bind a {other.GetType().Name}."),
        });

    private int Index(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new InvalidOperationException($"The statement has no parameter {name}.");
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
