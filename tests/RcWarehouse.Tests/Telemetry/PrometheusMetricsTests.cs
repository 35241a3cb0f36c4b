using System.Diagnostics.Metrics;
using RcWarehouse.Cli.Hosting.Telemetry;
using RcWarehouse.Core.Telemetry;
using Xunit;

namespace RcWarehouse.Tests.Telemetry;

/// <summary>
/// The /metrics text. The meter is static and other tests in this process record into it too, so each test uses a
/// source id of its own and looks only at its own series.
/// </summary>
public sealed class PrometheusMetricsTests
{
    [Fact]
    public void Counters_are_totals_per_tag_set_with_prometheus_names_units_and_types()
    {
        using var metrics = new PrometheusMetrics();
        var source = "t" + Guid.NewGuid().ToString("N")[..8];

        RcWarehouseMetrics.RecordBatch(source, "queue-stats", RcWarehouseMetrics.Succeeded, RcWarehouseMetrics.LoadStage, 40);
        RcWarehouseMetrics.RecordBatch(source, "queue-stats", RcWarehouseMetrics.Succeeded, RcWarehouseMetrics.LoadStage, 2);
        RcWarehouseMetrics.RecordBatch(source, "queue-stats", RcWarehouseMetrics.Failed, RcWarehouseMetrics.ExtractStage, 0);
        RcWarehouseMetrics.RecordBudgetWait("reports/" + source, TimeSpan.FromMilliseconds(1500));
        RcWarehouseMetrics.RecordThrottled("reports/" + source);
        var text = metrics.Scrape();

        Assert.Contains("# TYPE rcwarehouse_rows_loaded_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains($"rcwarehouse_rows_loaded_total{{report=\"queue-stats\",source=\"{source}\"}} 42\n", text, StringComparison.Ordinal);
        Assert.Contains($"rcwarehouse_batches_total{{outcome=\"succeeded\",report=\"queue-stats\",source=\"{source}\",stage=\"load\"}} 2\n", text, StringComparison.Ordinal);
        Assert.Contains($"rcwarehouse_batches_total{{outcome=\"failed\",report=\"queue-stats\",source=\"{source}\",stage=\"extract\"}} 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"rcwarehouse_budget_wait_seconds_total{{budget=\"reports/{source}\"}} 1.5\n", text, StringComparison.Ordinal);
        Assert.Contains($"rcwarehouse_ringcx_throttled_total{{budget=\"reports/{source}\"}} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Gauges_show_what_is_observed_at_the_scrape_and_label_values_are_escaped()
    {
        using var metrics = new PrometheusMetrics();
        using var meter = new Meter(RcWarehouseMetrics.MeterName);
        var value = 7.0;
        var label = "a\"b\\c" + Guid.NewGuid().ToString("N")[..6];
        meter.CreateObservableGauge("rcwarehouse.test.gauge", () => new Measurement<double>(value, new KeyValuePair<string, object?>("source", label)), "s");

        var first = metrics.Scrape();
        value = 9.5;
        var second = metrics.Scrape();

        var escaped = label.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        Assert.Contains("# TYPE rcwarehouse_test_gauge_seconds gauge\n", first, StringComparison.Ordinal);
        Assert.Contains($"rcwarehouse_test_gauge_seconds{{source=\"{escaped}\"}} 7\n", first, StringComparison.Ordinal);
        Assert.Contains($"rcwarehouse_test_gauge_seconds{{source=\"{escaped}\"}} 9.5\n", second, StringComparison.Ordinal);
        Assert.DoesNotContain($"rcwarehouse_test_gauge_seconds{{source=\"{escaped}\"}} 7\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public void Meters_of_other_names_are_not_listened_to()
    {
        using var metrics = new PrometheusMetrics();
        using var meter = new Meter("SomethingElse");
        meter.CreateCounter<long>("other.counter").Add(1);

        Assert.DoesNotContain("other_counter", metrics.Scrape(), StringComparison.Ordinal);
    }
}
