namespace RcWarehouse.Cli.Hosting;

/// <summary>Connection settings of the Warehouse section the command line applies itself (see <see cref="SqlServerConnect"/>).</summary>
public sealed class ConnectionLimits
{
    /// <summary><c>Warehouse:ConnectTimeout</c>: the most connecting to SQL Server may take, retries included.</summary>
    public TimeSpan ConnectTimeout { get; set; } = SqlServerConnect.DefaultTimeout;
}
