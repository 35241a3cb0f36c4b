namespace RcWarehouse.Warehouse;

/// <summary>
/// The warehouse's schema is not the one this release works with: not created or behind (run <c>migrate</c>), newer
/// than this release, or an applied migration script was edited. The message says which and what to do.
/// </summary>
public sealed class WarehouseSchemaException : InvalidOperationException
{
    public WarehouseSchemaException()
    {
    }

    public WarehouseSchemaException(string message)
        : base(message)
    {
    }

    public WarehouseSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
