using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using RcWarehouse.Core.Telemetry;

namespace RcWarehouse.Cli.Hosting.Telemetry;

/// <summary>
/// Listens to the <see cref="RcWarehouseMetrics.MeterName"/> meters and writes their state in the Prometheus text
/// format (version 0.0.4) for <c>/metrics</c>: counters as running totals since the process started, gauges as
/// observed at the scrape. Written here rather than with the OpenTelemetry Prometheus exporter, which is only a beta.
/// </summary>
internal sealed class PrometheusMetrics : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<Instrument, Dictionary<string, double>> _values = [];

    public PrometheusMetrics()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RcWarehouseMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) =>
        {
            lock (_gate)
            {
                _values.Remove(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Observes the gauges, then writes every instrument that has a value.</summary>
    public string Scrape()
    {
        lock (_gate)
        {
            // A gauge shows what is observed now: a source or report no longer observed disappears.
            foreach (var gauge in _values.Keys.Where(IsGauge))
            {
                _values[gauge].Clear();
            }
        }

        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        lock (_gate)
        {
            foreach (var (instrument, series) in _values.Where(v => v.Value.Count > 0).OrderBy(v => v.Key.Name, StringComparer.Ordinal))
            {
                var name = Name(instrument);
                text.Append("# HELP ").Append(name).Append(' ').Append(Help(instrument.Description ?? instrument.Name)).Append('\n');
                text.Append("# TYPE ").Append(name).Append(' ').Append(IsGauge(instrument) ? "gauge" : "counter").Append('\n');
                foreach (var (labels, value) in series.OrderBy(s => s.Key, StringComparer.Ordinal))
                {
                    text.Append(name).Append(labels).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// <c>rcwarehouse.budget.wait</c> (s) becomes <c>rcwarehouse_budget_wait_seconds_total</c>: dots to underscores, the
    /// unit as a suffix (annotations such as <c>{row}</c> are dropped), <c>_total</c> on counters.
    /// </summary>
    internal static string Name(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_').Replace('-', '_');
        if (instrument.Unit == "s")
        {
            name += "_seconds";
        }

        return IsGauge(instrument) ? name : name + "_total";
    }

    private static bool IsGauge(Instrument instrument) =>
        instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() is var type
        && (type == typeof(ObservableGauge<>) || type == typeof(Gauge<>));

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        lock (_gate)
        {
            if (!_values.TryGetValue(instrument, out var series))
            {
                series = new Dictionary<string, double>(StringComparer.Ordinal);
                _values[instrument] = series;
            }

            series[labels] = IsGauge(instrument) ? value : series.GetValueOrDefault(labels) + value;
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }

        var sorted = tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal);
        return "{" + string.Join(",", sorted.Select(t => $"{t.Key}=\"{Escape(Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? "")}\"")) + "}";
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Help(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public void Dispose() => _listener.Dispose();
}
