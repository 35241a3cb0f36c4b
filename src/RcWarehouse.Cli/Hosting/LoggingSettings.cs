namespace RcWarehouse.Cli.Hosting;

/// <summary>The <c>Logging</c> settings section.</summary>
public sealed class LoggingSettings
{
    public const string SectionName = "Logging";

    /// <summary><c>Logging:File</c> (or <c>--log-file</c>): a file that receives every log event as a JSON line.</summary>
    public string? File { get; set; }
}
