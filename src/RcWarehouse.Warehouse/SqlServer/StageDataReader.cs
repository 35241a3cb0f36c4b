using System.Collections;
using System.Data.Common;
using System.Globalization;
using RcWarehouse.Warehouse.Staging;

namespace RcWarehouse.Warehouse.SqlServer;

/// <summary>
/// A forward-only <see cref="DbDataReader"/> over an async row stream, the source SqlBulkCopy reads from.
/// Column 0 is the batch id, then the layout's columns. SqlBulkCopy.WriteToServerAsync calls <see cref="ReadAsync"/>
/// (it only does so for a DbDataReader); <see cref="Read"/> exists for synchronous callers and blocks on the stream.
/// Values come from the layout getters, which already turn empty strings into NULL.
/// </summary>
internal sealed class StageDataReader<TRow> : DbDataReader
{
    public const string BatchColumn = "load_batch_id";

    private readonly StageLayout<TRow> _layout;
    private readonly long _loadBatchId;
    private readonly IAsyncEnumerator<TRow> _rows;
    private readonly object?[] _values;
    private bool _closed;

    public StageDataReader(StageLayout<TRow> layout, long loadBatchId, IAsyncEnumerable<TRow> rows, CancellationToken cancellationToken)
    {
        _layout = layout;
        _loadBatchId = loadBatchId;
        _rows = rows.GetAsyncEnumerator(cancellationToken);
        _values = new object?[layout.Columns.Count + 1];
    }

    public override int FieldCount => _values.Length;

    public override int Depth => 0;

    public override bool HasRows => true;

    public override bool IsClosed => _closed;

    public override int RecordsAffected => -1;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (_closed || !await _rows.MoveNextAsync())
        {
            return false;
        }

        var row = _rows.Current;
        _values[0] = _loadBatchId;
        for (var i = 0; i < _layout.Columns.Count; i++)
        {
            _values[i + 1] = _layout.Columns[i].Get(row);
        }

        return true;
    }

    public override bool Read() => ReadAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override bool NextResult() => false;

    public override string GetName(int ordinal) => ordinal == 0 ? BatchColumn : _layout.Columns[ordinal - 1].Name;

    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < FieldCount; i++)
        {
            if (string.Equals(GetName(i), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(name), name, "No staging column has this name.");
    }

    public override Type GetFieldType(int ordinal) => ordinal == 0 ? typeof(long) : _layout.Columns[ordinal - 1].ClrType;

    public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;

    public override object GetValue(int ordinal) => _values[ordinal] ?? DBNull.Value;

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, _values.Length);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }

        return count;
    }

    public override bool IsDBNull(int ordinal) => _values[ordinal] is null;

    public override bool GetBoolean(int ordinal) => (bool)GetValue(ordinal);

    public override byte GetByte(int ordinal) => Convert.ToByte(GetValue(ordinal), CultureInfo.InvariantCulture);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        throw new NotSupportedException("Staging carries no binary columns.");

    public override char GetChar(int ordinal) => GetString(ordinal)[0];

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null)
        {
            return text.Length;
        }

        var count = (int)Math.Min(length, Math.Max(0, text.Length - dataOffset));
        text.CopyTo((int)dataOffset, buffer, bufferOffset, count);
        return count;
    }

    public override DateTime GetDateTime(int ordinal) => (DateTime)GetValue(ordinal);

    public override decimal GetDecimal(int ordinal) => (decimal)GetValue(ordinal);

    public override double GetDouble(int ordinal) => Convert.ToDouble(GetValue(ordinal), CultureInfo.InvariantCulture);

    public override float GetFloat(int ordinal) => Convert.ToSingle(GetValue(ordinal), CultureInfo.InvariantCulture);

    public override Guid GetGuid(int ordinal) => (Guid)GetValue(ordinal);

    public override short GetInt16(int ordinal) => Convert.ToInt16(GetValue(ordinal), CultureInfo.InvariantCulture);

    public override int GetInt32(int ordinal) => Convert.ToInt32(GetValue(ordinal), CultureInfo.InvariantCulture);

    public override long GetInt64(int ordinal) => Convert.ToInt64(GetValue(ordinal), CultureInfo.InvariantCulture);

    public override string GetString(int ordinal) => (string)GetValue(ordinal);

    public override IEnumerator GetEnumerator() => throw new NotSupportedException("Staging readers are read by SqlBulkCopy only.");

    public override void Close() => _closed = true;

    public override async ValueTask DisposeAsync()
    {
        _closed = true;
        await _rows.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_closed)
        {
            _closed = true;
            _rows.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }
}
