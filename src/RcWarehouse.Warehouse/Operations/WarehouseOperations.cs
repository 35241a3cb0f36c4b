namespace RcWarehouse.Warehouse.Operations;

public static class WarehouseOperations
{
    /// <summary>The operations side of a warehouse created by <see cref="WarehouseFactory"/>.</summary>
    public static IOperationsWarehouse For(IWarehouse warehouse) =>
        warehouse as IOperationsWarehouse
        ?? throw new ArgumentException($"{warehouse?.GetType().Name ?? "null"} does not support operations queries.", nameof(warehouse));
}
