using System.Diagnostics.Metrics;
using RcWarehouse.Core.Telemetry;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Operations;

namespace RcWarehouse.Cli.Hosting.Telemetry;

/// <summary>
/// The gauge <c>rcwarehouse.lag</c>: per source and report, now minus the watermark (seconds), what <c>status</c>
/// shows as lag. The watermarks are read from the warehouse by <see cref="RefreshAsync"/> (before each scrape, and
/// every export interval when OTLP is on), so the lag also grows between jobs, and every node reports the shared one.
/// </summary>
internal sealed class WatermarkLag : IDisposable
{
    private readonly IWarehouse _warehouse;
    private readonly TimeProvider _time;

    // A meter of its own under the shared name: the gauge goes away with this host (tests build several in one process).
    private readonly Meter _meter = new(RcWarehouseMetrics.MeterName, "1.0");
    private volatile IReadOnlyList<WatermarkRecord> _watermarks = [];

    public WatermarkLag(IWarehouse warehouse, TimeProvider time)
    {
        _warehouse = warehouse;
        _time = time;
        _meter.CreateObservableGauge("rcwarehouse.lag", Observe, "s", "Now minus the watermark of a source and report");
    }

    public async Task RefreshAsync(CancellationToken cancellationToken) =>
        _watermarks = await WarehouseOperations.For(_warehouse).GetWatermarksAsync(cancellationToken);

    private IEnumerable<Measurement<double>> Observe()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        foreach (var watermark in _watermarks)
        {
            yield return new Measurement<double>(
                Math.Max(0, (now - watermark.LoadedThroughUtc).TotalSeconds),
                new KeyValuePair<string, object?>("source", watermark.SourceId),
                new KeyValuePair<string, object?>("report", watermark.Report));
        }
    }

    public void Dispose() => _meter.Dispose();
}
