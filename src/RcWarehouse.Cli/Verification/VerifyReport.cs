namespace RcWarehouse.Cli.Verification;

/// <summary>What <c>verify</c> found (the command's model; <c>--json</c> serialises it as is).</summary>
public sealed record VerifyReport(
    DateTime GeneratedUtc,
    DateTime? FromUtc,
    DateTime? ToUtc,
    bool Passed,
    IReadOnlyList<VerifyCheck> Checks,
    IReadOnlyList<VerifyFinding> Findings);

/// <summary>
/// One check of one source (and report, for the per-report checks): how many intervals (or, for inferred members, facts) it looked at, how many differed, how
/// many of those are beyond the tolerance, and whether the check passed.
/// </summary>
public sealed record VerifyCheck(
    string Check,
    string SourceId,
    string? SourceName,
    string? Report,
    long Compared,
    long Differences,
    long BeyondTolerance,
    string Tolerance,
    bool Passed,
    string? Note);

/// <summary>
/// One difference: which check, source, report and subject (a queue, an agent), the UTC span it concerns, the measure,
/// the two values compared (<paramref name="Left"/> is the first named in the measure), and whether it is beyond tolerance.
/// </summary>
public sealed record VerifyFinding(
    string Check,
    string SourceId,
    string? Report,
    string? Subject,
    DateTime FromUtc,
    DateTime ToUtc,
    string Measure,
    decimal Left,
    decimal? Right,
    bool BeyondTolerance);
