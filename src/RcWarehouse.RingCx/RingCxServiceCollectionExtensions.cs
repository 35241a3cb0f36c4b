using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using RcWarehouse.RingCx.Extraction;
using RcWarehouse.RingCx.Landing;
using RcWarehouse.RingCx.RateLimiting;

namespace RcWarehouse.RingCx;

/// <summary>
/// Registers the RingCX client, landing zone and extractor for a host (the CLI binds the options itself). Register the
/// warehouse's <see cref="IRateLimitLedger"/> first so every process shares the budgets; without one, grants are kept
/// in this process only.
/// </summary>
public static class RingCxServiceCollectionExtensions
{
    public const string HttpClientName = "RingCx";

    public static IServiceCollection AddRingCx(this IServiceCollection services, RingCxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);

        // Attempts are timed out by the resilience pipeline; HttpClient's own 100-second limit would cut across it.
        services.AddHttpClient(HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<IRateLimitLedger>(sp => new InMemoryRateLimitLedger(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new RingCxClient(
            options,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<IRateLimitLedger>()));
        services.TryAddSingleton(sp => new LandingZone(options.LandingPath, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new RingCxExtractor(
            sp.GetRequiredService<RingCxClient>(), sp.GetRequiredService<LandingZone>(), sp.GetRequiredService<ILogger<RingCxExtractor>>()));
        return services;
    }
}
