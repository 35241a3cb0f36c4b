namespace RcWarehouse.RingCx;

/// <summary>
/// One group of RingCX credentials and the sub-accounts it pulls (configuration <c>RingCx:Sources:N</c>).
/// <see cref="ClientSecret"/> and <see cref="Jwt"/> come from the environment or user secrets and are never printed.
/// </summary>
public sealed class SourceOptions
{
    /// <summary>Name used in the landing path and manifests (<c>landing/{Name}/...</c>).</summary>
    public string Name { get; set; } = "default";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string Jwt { get; set; } = "";

    public List<string> SubAccountIds { get; set; } = [];

    /// <summary>
    /// This group's RingCentral platform host (another region, a second platform); empty: the global
    /// <see cref="RingCxOptions.PlatformUrl"/>. Resolve with <see cref="RingCxOptions.PlatformUrlFor"/>.
    /// </summary>
    public string? PlatformUrl { get; set; }

    /// <summary>This group's RingCX host; empty: the global <see cref="RingCxOptions.RingCxUrl"/>.</summary>
    public string? RingCxUrl { get; set; }

    public ApiGeneration ApiGeneration { get; set; } = ApiGeneration.Cx;

    /// <summary><c>csv</c> or <c>xml</c>: the legacy aggregate reports' outputFormat (the current generation answers JSON).</summary>
    public string ReportFormat { get; set; } = "csv";

    /// <summary>The zone requests are made in (IANA, <c>US/Eastern</c> style or Windows id). UTC keeps interval starts unambiguous.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Aggregate interval length: 15, 30, 45 or 60 minutes.</summary>
    public int IntervalMinutes { get; set; } = 15;

    /// <summary>
    /// How the current generation's aggregate <c>timeInterval</c> is sent: <c>minutes</c> (the guides, default) or
    /// <c>seconds</c> (the spec). The answer's <c>interval</c> is checked against <see cref="IntervalMinutes"/> either way.
    /// </summary>
    public string CxTimeIntervalUnit { get; set; } = "minutes";

    public override string ToString() =>
        $"Name={Name}, ClientId={ClientId}, ClientSecret=***, Jwt=***, SubAccountIds=[{string.Join(",", SubAccountIds)}], " +
        $"PlatformUrl={(string.IsNullOrWhiteSpace(PlatformUrl) ? "(global)" : PlatformUrl)}, RingCxUrl={(string.IsNullOrWhiteSpace(RingCxUrl) ? "(global)" : RingCxUrl)}, " +
        $"ApiGeneration={ApiGeneration}, ReportFormat={ReportFormat}, TimeZone={TimeZone}, IntervalMinutes={IntervalMinutes}";
}
