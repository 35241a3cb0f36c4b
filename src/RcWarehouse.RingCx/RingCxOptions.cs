namespace RcWarehouse.RingCx;

/// <summary>
/// The RingCX client's settings (configuration section <c>RingCx</c>; environment <c>RCW_RingCx__PlatformUrl</c>, ...).
/// Defaults follow the documented production hosts and limits.
/// </summary>
public sealed class RingCxOptions
{
    public const string SectionName = "RingCx";

    public string PlatformUrl { get; set; } = "https://platform.ringcentral.com";

    public string RingCxUrl { get; set; } = "https://ringcx.ringcentral.com";

    public string LandingPath { get; set; } = "landing";

    /// <summary>Timeout of one HTTP attempt (retries get their own).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Per-sub-account limit of report and metadata requests: every <c>count/window</c> rule is honoured.</summary>
    public string RateLimit { get; set; } = "3/60s,9/15m";

    /// <summary>Limit of each auth call kind (JWT grant, token exchange, refresh) per source.</summary>
    public string AuthRateLimit { get; set; } = "5/60s";

    /// <summary>Limit of the other RingCX APIs (reference data), per source.</summary>
    public string ReferenceRateLimit { get; set; } = "120/60s";

    /// <summary>
    /// Added to every rate-limit window on the client side, so that network latency differences between requests
    /// can never make the server see more requests in a window than the limit.
    /// </summary>
    public TimeSpan RateLimitMargin { get; set; } = TimeSpan.FromSeconds(1);

    public int MaxRetries { get; set; } = 6;

    /// <summary>First retry delay; later ones grow exponentially, with jitter. A Retry-After header wins when present.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>RingCX access tokens live 5 minutes (documented); the exchange answer does not say so itself.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Refresh a token this long before it expires.</summary>
    public TimeSpan TokenRefreshAhead { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Aggregate intervals are asked for only once they ended at least this long ago.</summary>
    public TimeSpan AggregateSettleDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Interaction metadata needs about 15 minutes to settle.</summary>
    public TimeSpan MetadataSettleDelay { get; set; } = TimeSpan.FromMinutes(15);

    public List<SourceOptions> Sources { get; set; } = [];

    /// <summary>The platform host <paramref name="source"/>'s logins go to: its own, or the global one.</summary>
    public string PlatformUrlFor(SourceOptions source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return string.IsNullOrWhiteSpace(source.PlatformUrl) ? PlatformUrl : source.PlatformUrl;
    }

    /// <summary>The RingCX host <paramref name="source"/>'s token exchange, reports and reference calls go to: its own, or the global one.</summary>
    public string RingCxUrlFor(SourceOptions source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return string.IsNullOrWhiteSpace(source.RingCxUrl) ? RingCxUrl : source.RingCxUrl;
    }

    /// <summary>
    /// The configuration keys (<c>RingCx:PlatformUrl</c>, <c>RingCx:Sources:1:RingCxUrl</c>, ...) whose value is not an
    /// absolute http or https URL without a query or user info (hosts are printed in logs; credentials never go in a URL);
    /// a source's empty host is not listed (it falls back to the global one).
    /// </summary>
    public IReadOnlyList<string> InvalidUrlKeys()
    {
        var keys = new List<string>();
        Check($"{SectionName}:{nameof(PlatformUrl)}", PlatformUrl);
        Check($"{SectionName}:{nameof(RingCxUrl)}", RingCxUrl);
        for (var i = 0; i < Sources.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(Sources[i].PlatformUrl))
            {
                Check($"{SectionName}:{nameof(Sources)}:{i}:{nameof(SourceOptions.PlatformUrl)}", Sources[i].PlatformUrl);
            }

            if (!string.IsNullOrWhiteSpace(Sources[i].RingCxUrl))
            {
                Check($"{SectionName}:{nameof(Sources)}:{i}:{nameof(SourceOptions.RingCxUrl)}", Sources[i].RingCxUrl);
            }
        }

        return keys;

        void Check(string key, string? value)
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
            {
                keys.Add(key);
            }
        }
    }

    public override string ToString() =>
        $"PlatformUrl={PlatformUrl}, RingCxUrl={RingCxUrl}, LandingPath={LandingPath}, RequestTimeout={RequestTimeout}, RateLimit={RateLimit}, " +
        $"Sources=[{string.Join("; ", Sources)}]";
}
