using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Quartz;
using RcWarehouse.Core.Telemetry;
using RcWarehouse.Warehouse;

namespace RcWarehouse.Cli.Hosting.Telemetry;

public static class TelemetryServices
{
    /// <summary>
    /// <c>run</c>'s metrics and health: the lag gauge, the <c>/healthz</c> and <c>/metrics</c> endpoint when
    /// <c>Operations:Health:Url</c> is set, the OTLP push when <c>Operations:Otlp:Endpoint</c> is. Nothing when neither is.
    /// </summary>
    public static IServiceCollection AddRcWarehouseTelemetry(this IServiceCollection services, RunTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        if (!telemetry.Enabled)
        {
            return services;
        }

        services.AddSingleton(telemetry.Health);
        services.AddSingleton(telemetry.Otlp);
        services.AddSingleton(sp => new WatermarkLag(sp.GetRequiredService<IWarehouse>(), sp.GetRequiredService<TimeProvider>()));
        if (telemetry.HealthUri is { } url)
        {
            services.AddSingleton<PrometheusMetrics>();
            services.AddSingleton(sp => new SchedulerHealth(sp.GetRequiredService<ISchedulerFactory>(), telemetry.Health, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton(sp => new HealthEndpoint(
                url,
                sp.GetRequiredService<SchedulerHealth>(),
                sp.GetRequiredService<PrometheusMetrics>(),
                sp.GetRequiredService<WatermarkLag>(),
                sp.GetRequiredService<ILogger<HealthEndpoint>>()));
            services.AddHostedService(sp => sp.GetRequiredService<HealthEndpoint>());
        }

        if (telemetry.OtlpUri is { } endpoint)
        {
            services.AddHostedService<LagRefresh>();
            services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService("rcwarehouse"))
                .WithMetrics(metrics => metrics
                    .AddMeter(RcWarehouseMetrics.MeterName)
                    .AddOtlpExporter((exporter, reader) =>
                    {
                        exporter.Endpoint = endpoint;
                        exporter.Protocol = telemetry.Otlp.Protocol;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)Math.Min(int.MaxValue, telemetry.Otlp.ExportInterval.TotalMilliseconds);
                    }));
        }

        return services;
    }
}
