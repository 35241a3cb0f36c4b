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

    /// <summary>How calling/called addresses and agent notes are stored; hashed unless configured otherwise.</summary>
    public PersonalDataMode PersonalData { get; set; } = PersonalDataMode.Hash;

    /// <summary>
    /// The HMAC key for <see cref="PersonalDataMode.Hash"/> (environment <c>RCW_Warehouse__PersonalDataSecret</c>). Without
    /// it SQLite keeps a generated key in <c>{database}.pii.key</c> next to the file and SQL Server refuses to load
    /// segments. Never logged.
    /// </summary>
    public string? PersonalDataSecret { get; set; }

    /// <summary>How long <c>migrate</c> waits for another migrator's lock before giving up.</summary>
    public TimeSpan MigrationLockTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest one migration statement may run (an index build on a large fact table can take a while).</summary>
    public TimeSpan MigrationTimeout { get; set; } = TimeSpan.FromHours(1);
}
