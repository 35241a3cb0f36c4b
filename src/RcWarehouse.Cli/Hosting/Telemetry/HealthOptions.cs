namespace RcWarehouse.Cli.Hosting.Telemetry;

/// <summary>
/// <c>run</c>'s health and metrics endpoint (configuration section <c>Operations:Health</c>). Off unless
/// <see cref="Url"/> is set (the container image sets <c>http://127.0.0.1:9464</c>).
/// </summary>
public sealed class HealthOptions
{
    public const string SectionName = "Operations:Health";

    /// <summary>Where <c>/healthz</c> and <c>/metrics</c> listen (http only, no path); empty: no endpoint.</summary>
    public string Url { get; set; } = "";

    /// <summary>A job running longer than this makes <c>/healthz</c> answer 503: it must exceed the longest legitimate run (nightly).</summary>
    public TimeSpan StuckJobAfter { get; set; } = TimeSpan.FromHours(6);
}
