namespace RcWarehouse.Cli.Verification;

/// <summary>
/// <c>verify</c>'s tolerances and horizons (configuration section <c>Verify</c>). A difference or a count larger than
/// its tolerance fails the check (exit 1); the defaults accept nothing, since reports of the same calls should agree.
/// </summary>
public sealed class VerifyOptions
{
    public const string SectionName = "Verify";

    /// <summary>Answered calls agent extended statistics (summed over agents) and queue statistics may differ by, per queue and interval.</summary>
    public long AnsweredCalls { get; set; }

    /// <summary>Seconds of talk time the same two may differ by, per queue and interval.</summary>
    public decimal TalkTimeSec { get; set; }

    /// <summary>Answered calls (queue statistics, all queues) and agent segments may differ by, per interval.</summary>
    public long SegmentCalls { get; set; }

    /// <summary>Talk seconds agent statistics and agent extended statistics (summed over queues) may differ by, per agent and interval.</summary>
    public decimal AgentStatsTalkTimeSec { get; set; }

    /// <summary>Wrap-up seconds the same two may differ by, per agent and interval.</summary>
    public decimal AgentStatsWrapUpSec { get; set; }

    /// <summary>Answered calls the same two may differ by, per agent and interval.</summary>
    public long AgentStatsAnsweredCalls { get; set; }

    /// <summary>Missing intervals (15-minute slots) accepted per report between its first load and its watermark.</summary>
    public int MissingIntervals { get; set; }

    /// <summary>Provisional intervals accepted per report that the nightly re-pull can no longer reach.</summary>
    public int ProvisionalIntervals { get; set; }

    /// <summary>Facts accepted per source that still point at an inferred agent or queue after <see cref="InferredAfter"/>.</summary>
    public long InferredFacts { get; set; }

    /// <summary>An interval's numbers count as settled when the batch that holds them started at least this long after the interval ended.</summary>
    public TimeSpan SettledAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after an interval a fact may still point at an inferred member (the reference sync runs hourly).</summary>
    public TimeSpan InferredAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long after its call started the last agent segment of a call may start (segments are compared only where loaded that far).</summary>
    public TimeSpan SegmentReach { get; set; } = TimeSpan.FromHours(1);
}
