using RcWarehouse.Warehouse.Operations;

namespace RcWarehouse.Cli.Operations;

/// <summary>Where every source and report stands (the <c>status</c> command's model; <c>--json</c> serialises it as is).</summary>
public sealed record StatusReport(
    DateTime GeneratedUtc,
    IReadOnlyList<ReportStatus> Reports,
    IReadOnlyList<FailedWindowStatus> FailedIntervals,
    IReadOnlyList<FailedWindowStatus> DismissedFailures,
    IReadOnlyList<Warehouse.LoadBatchRecord> LastBatches,
    IReadOnlyList<AbandonedBatch> AbandonedNow)
{
    /// <summary>Per source, whether its reference data was ever loaded (facts of a source without it credit inferred agents).</summary>
    public IReadOnlyList<SourceReferenceStatus> Reference { get; init; } = [];

    /// <summary>Recordings and transcripts whose fetch failed and has not succeeded since, latest first (at most 100).</summary>
    public IReadOnlyList<Warehouse.Recordings.RecordingFailureRecord> RecordingFailures { get; init; } = [];

    /// <summary>All recording failures on record, and how many reached Recordings:MaxAttempts (counted, not limited to the list).</summary>
    public Warehouse.Recordings.RecordingFailureCounts RecordingFailureCounts { get; init; } = new(0, 0);
}

/// <summary>
/// One source and report: watermark (where the next intraday pull starts), how far it is behind now, the instant
/// before which every window is published (<paramref name="CompleteThroughUtc"/>: the watermark, or the start of the
/// earliest open failure when one lies before it), batch outcomes and failures still open.
/// </summary>
public sealed record ReportStatus(
    string SourceId,
    string? SourceName,
    string Report,
    DateTime? WatermarkUtc,
    double? LagMinutes,
    DateTime? CompleteThroughUtc,
    DateTime? LastSuccessUtc,
    DateTime? LastStartedUtc,
    long SucceededBatches,
    long FailedBatches,
    long RunningBatches,
    int OpenFailures);

/// <summary>
/// One window attempted and not published (open, or dismissed by an operator): its newest failed batch (the id
/// <c>rerun --dismiss</c> takes), how many attempts failed, where it failed (<c>extract</c>: nothing was landed;
/// <c>load</c>: the landed file did not load) and whether that landed file is still there.
/// </summary>
public sealed record FailedWindowStatus(
    long LoadBatchId,
    string SourceId,
    string Report,
    DateTime? WindowStartUtc,
    DateTime? WindowEndUtc,
    string Stage,
    string? Error,
    DateTime? FailedUtc,
    int Attempts,
    string? LandedFile,
    bool LandedFileExists,
    string? DismissedReason = null,
    DateTime? DismissedUtc = null);
