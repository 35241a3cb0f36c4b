namespace RcWarehouse.Warehouse.Staging;

/// <summary>The few value types staging carries; each engine maps them to its own column and parameter types.</summary>
internal enum StageType
{
    Text,
    Int32,
    Int64,
    Decimal,
    DateTimeUtc,
    Boolean,
}
