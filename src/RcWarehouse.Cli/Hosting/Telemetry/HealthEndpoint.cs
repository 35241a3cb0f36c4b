using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RcWarehouse.Cli.Hosting.Telemetry;

/// <summary>
/// <c>/healthz</c> and <c>/metrics</c> of <c>run</c> on <see cref="HealthOptions.Url"/>: a Kestrel of its own, started
/// with the host and stopped with it. Read-only, no secrets in either answer, so no authentication; it listens where
/// it is told (127.0.0.1 in the image) and nowhere else.
/// </summary>
internal sealed class HealthEndpoint(
    Uri url, SchedulerHealth health, PrometheusMetrics metrics, WatermarkLag lag, ILogger<HealthEndpoint> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Where it listens once started (the real port when the configured one was 0).</summary>
    public Uri? ListeningOn { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(HealthEndpoint).Assembly.GetName().Name, Args = [] });

        // Only what is set here counts: no ASPNETCORE_URLS or appsettings from the environment of the service.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url.GetLeftPart(UriPartial.Authority));
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.MapGet("/healthz", async (HttpContext http) =>
        {
            var state = await health.CheckAsync(http.RequestAborted);
            return Results.Text(state.Reason + "\n", "text/plain; charset=utf-8", statusCode: state.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/metrics", async (HttpContext http) =>
        {
            try
            {
                await lag.RefreshAsync(http.RequestAborted);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
            {
                // A scrape with a lag that silently stopped moving would hide the very problem it should show.
                logger.LogWarning(ex, "/metrics: the watermarks could not be read from the warehouse");
                return Results.Text($"the watermarks could not be read from the warehouse ({ex.GetType().Name})\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return Results.Text(metrics.Scrape(), PrometheusMetrics.ContentType);
        });

        await app.StartAsync(cancellationToken);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        ListeningOn = new Uri(address);
        logger.LogInformation("Health and metrics endpoint listening on {Url} (/healthz, /metrics)", ListeningOn);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
