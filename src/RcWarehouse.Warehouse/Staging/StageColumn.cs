namespace RcWarehouse.Warehouse.Staging;

/// <summary>
/// One staging column: its name (identical on both engines), its type, and how to read it from a row. Numeric columns
/// also read without boxing (<see cref="GetInt64"/>, <see cref="GetDecimal"/>), for writers that bind value by value.
/// </summary>
internal sealed record StageColumn<TRow>(string Name, StageType Type, Func<TRow, object?> Get)
{
    /// <summary>The value of an Int32 or Int64 column, unboxed; null for other types.</summary>
    public Func<TRow, long?>? GetInt64 { get; init; }

    /// <summary>The (rounded) value of a Decimal column, unboxed; null for other types.</summary>
    public Func<TRow, decimal>? GetDecimal { get; init; }

    /// <summary>The most characters a Text column holds (its nvarchar(n)); null for unbounded (max) and non-text columns.</summary>
    public int? MaxLength { get; init; }

    /// <summary>
    /// The length of the value as it will be stored, for <see cref="MaxLength"/>; computed without building the value
    /// where that is costly (a hashed address is always 64 characters).
    /// </summary>
    public Func<TRow, int>? StoredLength { get; init; }

    public Type ClrType => Type switch
    {
        StageType.Text => typeof(string),
        StageType.Int32 => typeof(int),
        StageType.Int64 => typeof(long),
        StageType.Decimal => typeof(decimal),
        StageType.DateTimeUtc => typeof(DateTime),
        StageType.Boolean => typeof(bool),
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, null),
    };
}
