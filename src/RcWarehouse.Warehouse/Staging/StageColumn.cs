namespace RcWarehouse.Warehouse.Staging;

/// <summary>One staging column: its name (identical on both engines), its type, and how to read it from a row.</summary>
internal sealed record StageColumn<TRow>(string Name, StageType Type, Func<TRow, object?> Get)
{
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
