namespace RcWarehouse.Warehouse;

/// <summary>The database engine the warehouse lives in.</summary>
public enum WarehouseProvider
{
    Sqlite,
    SqlServer,
}
