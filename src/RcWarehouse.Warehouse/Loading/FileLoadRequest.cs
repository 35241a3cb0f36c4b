using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;

namespace RcWarehouse.Warehouse.Loading;

/// <summary>
/// One file to load as one batch. <paramref name="ExpectedSha256"/> comes from the landing manifest; when present the
/// file must still hash to it (a landed file is immutable), otherwise the batch fails.
/// </summary>
public sealed record FileLoadRequest(
    string FilePath,
    string SourceId,
    ReportKind Report,
    TimeZoneInfo TimeZone,
    ReportFormat? Format = null,
    UtcWindow? Window = null,
    string? ExpectedSha256 = null,
    string? SourceName = null,
    DateTime? SettledUntilUtc = null);
