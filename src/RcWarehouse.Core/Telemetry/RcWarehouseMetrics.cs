using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RcWarehouse.Core.Telemetry;

/// <summary>
/// The loader's metrics, recorded where the facts are known (the publish protocol, the HTTP sender, the rate-limit
/// budget) and read by whoever listens to the meter <see cref="MeterName"/>: the OpenTelemetry SDK when OTLP export is
/// configured, the <c>/metrics</c> endpoint of <c>run</c>. Names, units and tags are listed in docs/operations.md.
/// A meter nobody listens to costs a branch per call.
/// </summary>
public static class RcWarehouseMetrics
{
    public const string MeterName = "RcWarehouse";

    /// <summary>Outcome tag values of <see cref="Batches"/>.</summary>
    public const string Succeeded = "succeeded";

    public const string Failed = "failed";

    /// <summary>Stage tag values of <see cref="Batches"/>: a publish attempt, or a window that failed before anything was landed.</summary>
    public const string LoadStage = "load";

    public const string ExtractStage = "extract";

    // Static, like the framework's own meters: the budgets, senders and warehouses that record are not built by a
    // container, and one process has one loader.
    public static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Fact rows published (succeeded batches only). Tags: source (sub-account id), report.</summary>
    public static readonly Counter<long> RowsLoaded = Meter.CreateCounter<long>("rcwarehouse.rows.loaded", "{row}", "Fact rows published by succeeded batches");

    /// <summary>Batches recorded in etl.load_batch. Tags: source, report, outcome (succeeded, failed), stage (load, extract).</summary>
    public static readonly Counter<long> Batches = Meter.CreateCounter<long>("rcwarehouse.batches", "{batch}", "Load batches by outcome");

    /// <summary>429 answers from RingCX. Tag: budget (the rate-limit ledger key, or none).</summary>
    public static readonly Counter<long> Throttled = Meter.CreateCounter<long>("rcwarehouse.ringcx.throttled", "{response}", "429 Too Many Requests answers from RingCX");

    /// <summary>Seconds callers spent waiting for a rate-limit permit, summed. Tag: budget.</summary>
    public static readonly Counter<double> BudgetWait = Meter.CreateCounter<double>("rcwarehouse.budget.wait", "s", "Time spent waiting for a rate-limit permit");

    /// <summary>
    /// Recording archive runs (<c>run</c>'s intraday job, the <c>recordings</c> command). Tag: outcome (succeeded,
    /// failed). A failed run is one that ended with an error as a whole (a warehouse error, a receipt whose landed file
    /// is missing); a segment whose fetch failed is recorded in etl.recording_failure and does not fail the run.
    /// </summary>
    public static readonly Counter<long> RecordingRuns = Meter.CreateCounter<long>("rcwarehouse.recordings.runs", "{run}", "Recording archive runs by outcome");

    public static void RecordBatch(string source, string report, string outcome, string stage, long rowsLoaded)
    {
        var tags = new TagList { { "source", source }, { "report", report } };
        if (rowsLoaded > 0)
        {
            RowsLoaded.Add(rowsLoaded, tags);
        }

        tags.Add("outcome", outcome);
        tags.Add("stage", stage);
        Batches.Add(1, tags);
    }

    public static void RecordRecordingRun(string outcome) => RecordingRuns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void RecordThrottled(string? budget) => Throttled.Add(1, new KeyValuePair<string, object?>("budget", budget ?? "none"));

    public static void RecordBudgetWait(string budget, TimeSpan waited)
    {
        if (waited > TimeSpan.Zero)
        {
            BudgetWait.Add(waited.TotalSeconds, new KeyValuePair<string, object?>("budget", budget));
        }
    }
}
