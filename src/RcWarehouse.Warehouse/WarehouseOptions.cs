namespace RcWarehouse.Warehouse;

/// <summary>Where and how the warehouse is stored; bound from the configuration section <c>Warehouse</c>.</summary>
public sealed class WarehouseOptions
{
    public WarehouseProvider Provider { get; set; } = WarehouseProvider.Sqlite;

    public string ConnectionString { get; set; } = "Data Source=data/warehouse.db";

    /// <summary>IANA (or Windows) time zone id used for the local columns of <c>dim_interval</c>.</summary>
    public string BusinessTimeZone { get; set; } = "UTC";

    /// <summary>SqlBulkCopy batch size on SQL Server; on SQLite, the number of staged rows between progress log lines.</summary>
    public int BatchSize { get; set; } = 5000;
}
