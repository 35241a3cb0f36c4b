using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;

namespace RcWarehouse.Warehouse.Operations;

/// <summary>One row of <c>etl.watermark</c>: everything before <paramref name="LoadedThroughUtc"/> has been published at least once.</summary>
public sealed record WatermarkRecord(string SourceId, string? SourceName, string Report, DateTime LoadedThroughUtc, DateTime UpdatedUtc);

/// <summary>Batch counts by outcome for one source and report.</summary>
public sealed record BatchSummary(
    string SourceId,
    string? SourceName,
    string Report,
    long Succeeded,
    long Failed,
    long Running,
    DateTime? LastSuccessUtc,
    DateTime? LastStartedUtc);

/// <summary>A batch found running with its owner gone, now recorded as failed.</summary>
public sealed record AbandonedBatch(long LoadBatchId, string? Owner, DateTime StartedUtc, string Reason);

/// <summary>A window attempted and not published before any batch existed for it; <paramref name="LandedFile"/> when an answer was landed.</summary>
public sealed record FailedWindow(string SourceId, string? SourceName, ReportKind Report, UtcWindow Window, string? LandedFile, string Error, DateTime StartedUtc);

/// <summary>A failed batch an operator accepted, with the reason kept.</summary>
public sealed record DismissedFailure(LoadBatchRecord Batch, string Reason, DateTime DismissedUtc);
