using RcWarehouse.Core.Reports;

namespace RcWarehouse.RingCx.Extraction;

/// <summary>
/// One request's window, [StartUtc, EndUtc). <see cref="RunsToNow"/> marks a legacy aggregate request: its body has no
/// end date, so the answer covers StartUtc up to the moment it is served; EndUtc is then the end of the settled part
/// the plan asked for, and the landed manifest records what the answer really covers.
/// </summary>
public sealed record PlannedWindow(ReportKind Report, DateTime StartUtc, DateTime EndUtc, bool RunsToNow = false)
{
    public TimeSpan Length => EndUtc - StartUtc;

    public override string ToString() => $"{Report} [{StartUtc:yyyy-MM-ddTHH:mm}Z, {EndUtc:yyyy-MM-ddTHH:mm}Z){(RunsToNow ? " (runs to now)" : "")}";
}
