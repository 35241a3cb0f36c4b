using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;

namespace RcWarehouse.Warehouse.Loading;

/// <summary>
/// One file to load as one batch. <paramref name="ExpectedSha256"/> comes from the landing manifest; when present the
/// file must still hash to it (a landed file is immutable), otherwise the batch fails. <paramref name="Window"/> is what
/// the file covers (an interval outside it fails the file); <paramref name="LoadWindow"/>, when given, is the part of it
/// the batch publishes: a legacy aggregate answer runs from the requested start up to the moment it was served, and only
/// the requested, settled intervals are loaded (the others are skipped, counted and reported; the file keeps them).
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
    DateTime? SettledUntilUtc = null,
    UtcWindow? LoadWindow = null);
