using RcWarehouse.Warehouse;

namespace RcWarehouse.Cli.Operations;

/// <summary>
/// Quartz's persistent ADO.NET job store (configuration <c>Operations:Quartz</c>). Off by default: the schedules live
/// in files and every node can rebuild them. On, with <see cref="Clustered"/>, several <c>run</c> nodes share one
/// schedule and each firing runs on exactly one node: in SQL Server (any number of machines), or in a SQLite file next
/// to the warehouse (several processes on one machine).
/// </summary>
public sealed class QuartzStoreOptions
{
    public bool PersistentStore { get; set; }

    /// <summary>The engine holding Quartz's tables (default: the warehouse's).</summary>
    public WarehouseProvider? Provider { get; set; }

    /// <summary>
    /// Where Quartz's tables are. SQL Server: default the warehouse's connection string (tables by migration 0007).
    /// SQLite: default a file of Quartz's own next to the warehouse, <c>{warehouse}.quartz.db</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    public bool Clustered { get; set; } = true;

    /// <summary>
    /// This node's id in the cluster, unique per node (a host name, say); default: generated from the host name and the
    /// start time. A node restarted under the same id recovers its own interrupted firings at once instead of waiting
    /// for another node to notice it is gone.
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>How often a node records in the store that it is alive (Quartz's cluster check-in).</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long past a missed check-in the other nodes wait before they take a node for dead and recover the firings it
    /// was running. Keep it above the longest pause a live node can have (garbage collection, a VM migration, a
    /// database failover): a live node taken for dead has its job run a second time beside it.
    /// </summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Let Quartz create its tables when they are missing (SQL Server). Off by default: <c>migrate</c> creates them
    /// (migration 0007_quartz, schema <c>quartz</c>), and Quartz validates at start-up that they are there. On SQLite
    /// Quartz always creates the tables of its own file.
    /// </summary>
    public bool ProvisionSchema { get; set; }

    /// <summary>
    /// Prefix of Quartz's tables; default <c>quartz.QRTZ_</c> on SQL Server (the <c>quartz</c> schema the migrations
    /// create), <c>QRTZ_</c> on SQLite.
    /// </summary>
    public string? TablePrefix { get; set; }

    /// <summary>The engine of the store: the configured one, else the warehouse's.</summary>
    public WarehouseProvider StoreProvider(WarehouseOptions warehouse) => Provider ?? warehouse.Provider;

    /// <summary>Throws naming the setting when a value cannot work; called before anything starts.</summary>
    public void Validate(WarehouseOptions warehouse)
    {
        if (!PersistentStore)
        {
            return;
        }

        if (StoreProvider(warehouse) != warehouse.Provider && string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new UsageException($"Operations:Quartz:Provider {StoreProvider(warehouse)} differs from the warehouse's: set Operations:Quartz:ConnectionString");
        }

        if (CheckinInterval <= TimeSpan.Zero || CheckinMisfireThreshold <= TimeSpan.Zero)
        {
            throw new UsageException("Operations:Quartz:CheckinInterval and CheckinMisfireThreshold must be positive times (hh:mm:ss)");
        }

        if (StoreProvider(warehouse) == WarehouseProvider.Sqlite && string.IsNullOrWhiteSpace(ConnectionString) && SqliteStoreFile(warehouse) is null)
        {
            throw new UsageException("Operations:Quartz:PersistentStore on SQLite needs a warehouse file (not :memory:) or Operations:Quartz:ConnectionString");
        }
    }

    /// <summary>The store's connection string: the configured one, else the warehouse's (SQL Server) or the file next to it (SQLite).</summary>
    public string StoreConnectionString(WarehouseOptions warehouse)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return ConnectionString;
        }

        return StoreProvider(warehouse) == WarehouseProvider.SqlServer
            ? warehouse.ConnectionString
            : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = SqliteStoreFile(warehouse) }.ToString();
    }

    public string StoreTablePrefix(WarehouseOptions warehouse) =>
        !string.IsNullOrWhiteSpace(TablePrefix) ? TablePrefix : StoreProvider(warehouse) == WarehouseProvider.SqlServer ? "quartz.QRTZ_" : "QRTZ_";

    /// <summary><c>data/warehouse.db</c> gives <c>data/warehouse.quartz.db</c>; null for an in-memory warehouse.</summary>
    private static string? SqliteStoreFile(WarehouseOptions warehouse)
    {
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(warehouse.ConnectionString).DataSource;
        if (string.IsNullOrWhiteSpace(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Path.Combine(Path.GetDirectoryName(file) ?? "", Path.GetFileNameWithoutExtension(file) + ".quartz.db");
    }
}
