using RcWarehouse.RingCx;
using RcWarehouse.Simulator;

namespace RcWarehouse.IntegrationTests.RingCx;

/// <summary>Clients wired to a simulator with test-sized timeouts and delays.</summary>
public static class TestClients
{
    public static RingCxOptions Options(SimulatorHost sim, Action<RingCxOptions>? configure = null)
    {
        var options = new RingCxOptions
        {
            PlatformUrl = sim.BaseUrl.ToString(),
            RingCxUrl = sim.BaseUrl.ToString(),
            RequestTimeout = TimeSpan.FromMilliseconds(800),
            RateLimit = sim.Options.RateLimit,
            AuthRateLimit = sim.Options.AuthRateLimit,
            // Covers request-to-request latency differences on a busy build machine (production uses 1 s).
            RateLimitMargin = TimeSpan.FromMilliseconds(200),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            MaxRetries = 4,
        };
        configure?.Invoke(options);
        return options;
    }

    public static SourceOptions Source(SimulatorHost sim, ApiGeneration generation, string name = "sim", string format = "csv", string timeZone = "UTC") => new()
    {
        Name = name,
        ClientId = sim.Credentials.ClientId,
        ClientSecret = sim.Credentials.ClientSecret,
        Jwt = sim.Credentials.Jwt,
        SubAccountIds = [.. sim.Credentials.SubAccountIds],
        ApiGeneration = generation,
        ReportFormat = format,
        TimeZone = timeZone,
        IntervalMinutes = 15,
    };

    public static string TempLanding() => Path.Combine(Path.GetTempPath(), "rcw-landing-" + Guid.NewGuid().ToString("N")[..10]);
}
