namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// A buffer's rows as <see cref="SqliteFactWriter{TRow}"/> binds them, worked out on the reading side so the writing
/// side (the load's bottleneck: it also runs SQLite) only resolves member keys and binds: each row's slot (interval key
/// and start ticks), its members' ids and attributes, and its measures as the warehouse stores them (row-major, one
/// entry per member or measure). A measure is bound as <see cref="Integers"/> when <see cref="IsInteger"/>, otherwise as
/// <see cref="Others"/> (null, or a decimal's invariant text, which NUMERIC affinity stores as REAL).
/// </summary>
internal sealed class SqliteFactRows(int rows, int members, int measures)
{
    public int Count { get; } = rows;

    public long[] IntervalKeys { get; } = new long[rows];

    public long[] SlotTicks { get; } = new long[rows];

    public string[] Ids { get; } = new string[rows * members];

    public string?[] Attributes { get; } = new string?[rows * members];

    public long[] Integers { get; } = new long[rows * measures];

    public bool[] IsInteger { get; } = new bool[rows * measures];

    public object?[] Others { get; } = new object?[rows * measures];
}
