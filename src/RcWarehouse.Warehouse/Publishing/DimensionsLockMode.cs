namespace RcWarehouse.Warehouse.Publishing;

/// <summary>How a transaction holds its source's dimensions applock (the names are sp_getapplock's @LockMode values).</summary>
internal enum DimensionsLockMode
{
    /// <summary>Report publishes: they read and infer dimension rows, side by side.</summary>
    Shared,

    /// <summary>The reference load: it closes and opens versions the publishes would read.</summary>
    Exclusive,
}
