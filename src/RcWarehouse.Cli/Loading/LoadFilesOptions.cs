using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;

namespace RcWarehouse.Cli.Loading;

/// <summary>
/// What the operator said on the command line; each value, when given, overrides the file's manifest.
/// <paramref name="SourceId"/> is the sub-account id <c>--source</c> resolved to, <paramref name="SourceName"/> its configured name.
/// </summary>
public sealed record LoadFilesOptions(
    IReadOnlyList<string> Paths,
    ReportKind? Report,
    string? SourceId,
    string? TimeZone,
    ReportFormat? Format,
    UtcWindow? Window,
    string? SourceName = null);
