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

    /// <summary>Create Quartz's tables when they are missing.</summary>
    public bool ProvisionSchema { get; set; } = true;

    public string TablePrefix { get; set; } = "QRTZ_";
}
