namespace RcWarehouse.Simulator.Hosting;

/// <summary>Endpoint metadata: the per-sub-account report limit applies (aggregate reports and interaction metadata).</summary>
internal sealed class RateLimitedEndpoint
{
    public static readonly RateLimitedEndpoint Instance = new();
}
