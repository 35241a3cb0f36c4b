using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RcWarehouse.Cli.Hosting.Telemetry;

/// <summary>
/// Reads the watermarks again every OTLP export interval, so the pushed lag is as fresh as the push. A failed read
/// keeps the last values (the lag then still grows with the clock) and is logged as a warning: the metric is
/// monitoring, and a warehouse that cannot be read fails the jobs themselves, visibly.
/// </summary>
internal sealed class LagRefresh(WatermarkLag lag, OtlpOptions otlp, TimeProvider time, ILogger<LagRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(otlp.ExportInterval, time);
        do
        {
            try
            {
                await lag.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The watermarks for the lag metric could not be read; the last ones are kept");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
