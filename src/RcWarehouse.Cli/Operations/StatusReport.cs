using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Operations;

namespace RcWarehouse.Cli.Operations;

/// <summary>Where every source and report stands (the <c>status</c> command's model; <c>--json</c> serialises it as is).</summary>
public sealed record StatusReport(
    DateTime GeneratedUtc,
    IReadOnlyList<ReportStatus> Reports,
    IReadOnlyList<LoadBatchRecord> FailedIntervals,
    IReadOnlyList<LoadBatchRecord> LastBatches,
    IReadOnlyList<AbandonedBatch> AbandonedNow);

/// <summary>One source and report: watermark, how far it is behind now, batch outcomes and failures still open.</summary>
public sealed record ReportStatus(
    string SourceId,
    string? SourceName,
    string Report,
    DateTime? WatermarkUtc,
    double? LagMinutes,
    DateTime? LastSuccessUtc,
    DateTime? LastStartedUtc,
    long SucceededBatches,
    long FailedBatches,
    long RunningBatches,
    int OpenFailures);
