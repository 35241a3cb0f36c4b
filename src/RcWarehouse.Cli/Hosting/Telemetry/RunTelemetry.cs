using Microsoft.Extensions.Configuration;

namespace RcWarehouse.Cli.Hosting.Telemetry;

/// <summary>
/// What <c>run</c> exposes of itself: the health and metrics endpoint and the OTLP export, read and checked together.
/// A bad value is a usage error (exit 2) naming its key, never repeating the value.
/// </summary>
public sealed record RunTelemetry(HealthOptions Health, OtlpOptions Otlp)
{
    public static RunTelemetry Off { get; } = new(new HealthOptions(), new OtlpOptions());

    /// <summary>The endpoint's address, or null when it is off.</summary>
    public Uri? HealthUri => string.IsNullOrWhiteSpace(Health.Url) ? null : new Uri(Health.Url);

    /// <summary>The collector, or null when export is off.</summary>
    public Uri? OtlpUri => string.IsNullOrWhiteSpace(Otlp.Endpoint) ? null : new Uri(Otlp.Endpoint);

    public bool Enabled => HealthUri is not null || OtlpUri is not null;

    public static RunTelemetry From(IConfiguration configuration)
    {
        var health = ConfigurationBinding.Bind<HealthOptions>(configuration, HealthOptions.SectionName);
        var otlp = ConfigurationBinding.Bind<OtlpOptions>(configuration, OtlpOptions.SectionName);
        if (!string.IsNullOrWhiteSpace(health.Url) && !IsListenUrl(health.Url))
        {
            throw new UsageException($"configuration value {HealthOptions.SectionName}:Url is not valid: expected http://ADDRESS:PORT such as http://127.0.0.1:9464 (http, an IP address or localhost, no path)");
        }

        if (health.StuckJobAfter <= TimeSpan.Zero)
        {
            throw new UsageException($"configuration value {HealthOptions.SectionName}:StuckJobAfter is not valid: expected a positive time span such as 06:00:00");
        }

        if (!string.IsNullOrWhiteSpace(otlp.Endpoint)
            && (!Uri.TryCreate(otlp.Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            throw new UsageException($"configuration value {OtlpOptions.SectionName}:Endpoint is not valid: expected an absolute http or https URL such as http://collector:4318/v1/metrics");
        }

        // A key in the URL would be sent to wherever the URL points and shown wherever the endpoint is logged; like the
        // RingCX hosts, the endpoint takes none (a collector's key goes in OTEL_EXPORTER_OTLP_HEADERS)
        if (!string.IsNullOrWhiteSpace(otlp.Endpoint) && !string.IsNullOrEmpty(new Uri(otlp.Endpoint).UserInfo))
        {
            throw new UsageException($"configuration value {OtlpOptions.SectionName}:Endpoint is not valid: expected no user or password in the URL (give a collector's key in OTEL_EXPORTER_OTLP_HEADERS)");
        }

        if (otlp.ExportInterval <= TimeSpan.Zero)
        {
            throw new UsageException($"configuration value {OtlpOptions.SectionName}:ExportInterval is not valid: expected a positive time span such as 00:01:00");
        }

        return new RunTelemetry(health, otlp);
    }

    /// <summary>Kestrel binds what it can parse; the endpoint only takes plain http on an address, so a typo never binds somewhere else.</summary>
    private static bool IsListenUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.IsLoopback)
        && uri.AbsolutePath == "/"
        && string.IsNullOrEmpty(uri.Query)
        && string.IsNullOrEmpty(uri.UserInfo);
}
