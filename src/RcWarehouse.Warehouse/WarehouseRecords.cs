using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;

namespace RcWarehouse.Warehouse;

/// <summary>
/// What one load is: the source (RingCX sub-account id), the report, and the window it covers. When
/// <paramref name="Window"/> is given its 15-minute slots are replaced; otherwise the slots are derived from the rows.
/// </summary>
/// <remarks><paramref name="SettledUntilUtc"/> caps the watermark when the window runs past its settled part.</remarks>
public sealed record BatchRequest(string SourceId, ReportKind Report, UtcWindow? Window, string? LandedFile, string? Sha256, string? SourceName = null, DateTime? SettledUntilUtc = null);

/// <summary>
/// The outcome of a published batch. <paramref name="Window"/> is the covered window (null when no rows and none
/// requested); <paramref name="RowsIgnored"/> counts the file's rows outside the requested window, which were not loaded.
/// </summary>
public sealed record LoadResult(long LoadBatchId, long RowsRead, long RowsLoaded, UtcWindow? Window, long RowsIgnored = 0);

/// <summary>Numbered scripts applied by this run (empty when up to date) and the view scripts re-applied.</summary>
public sealed record MigrationResult(IReadOnlyList<string> Applied, IReadOnlyList<string> ViewsApplied);

/// <summary>One row of <c>etl.load_batch</c>.</summary>
public sealed record LoadBatchRecord(
    long LoadBatchId,
    string SourceId,
    string Report,
    DateTime? WindowStartUtc,
    DateTime? WindowEndUtc,
    string? LandedFile,
    string? Sha256,
    long? RowsRead,
    long? RowsLoaded,
    string Status,
    string? Error,
    DateTime StartedUtc,
    DateTime? FinishedUtc);
