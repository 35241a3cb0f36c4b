using RcWarehouse.Core.Reports;

namespace RcWarehouse.Cli.Sync;

/// <summary>
/// A window to pull: [FromUtc, ToUtc) for the given reports, for every configured source, or only the one whose
/// name or sub-account id is <see cref="Source"/>.
/// </summary>
public sealed record SyncRequest(DateTime FromUtc, DateTime ToUtc, IReadOnlyList<ReportKind> Reports, string? Source = null);
