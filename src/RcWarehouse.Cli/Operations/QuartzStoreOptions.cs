namespace RcWarehouse.Cli.Operations;

/// <summary>
/// Quartz's persistent ADO.NET job store (configuration <c>Operations:Quartz</c>). Off by default: the schedules live
/// in files and every node can rebuild them. On, with <see cref="Clustered"/>, several <c>run</c> nodes share one
/// SQL Server schedule and each firing runs on exactly one node.
/// </summary>
public sealed class QuartzStoreOptions
{
    public bool PersistentStore { get; set; }

    /// <summary>The SQL Server holding Quartz's tables (default: the warehouse's connection string).</summary>
    public string? ConnectionString { get; set; }

    public bool Clustered { get; set; } = true;

    /// <summary>
    /// Let Quartz create its tables when they are missing. Off by default: <c>migrate</c> creates them (migration
    /// 0007_quartz, schema <c>quartz</c>), and Quartz validates at start-up that they are there.
    /// </summary>
    public bool ProvisionSchema { get; set; }

    /// <summary>Where Quartz's tables are: the <c>quartz</c> schema the migrations create, prefix <c>QRTZ_</c>.</summary>
    public string TablePrefix { get; set; } = "quartz.QRTZ_";
}
