namespace RcWarehouse.Warehouse.Verification;

/// <summary>A source (sub-account) the warehouse knows.</summary>
public sealed record VerifySource(long SourceKey, string SubAccountId, string? SourceName);

/// <summary>One report of a source: where its first successful window starts (the first load) and its watermark.</summary>
public sealed record ReportSpan(string Report, DateTime FirstLoadUtc, DateTime? WatermarkUtc);

/// <summary>The window of one successful batch and when the batch started (which stands for when its numbers were fetched).</summary>
public sealed record BatchWindow(string Report, long LoadBatchId, DateTime StartUtc, DateTime EndUtc, DateTime StartedUtc);

/// <summary>One queue and interval where agent extended statistics (summed over agents) and queue statistics differ.</summary>
public sealed record QueueIntervalDifference(
    DateTime IntervalStartUtc,
    string QueueId,
    string? QueueName,
    long AgentAnswered,
    decimal AgentTalkSec,
    long QueueAnswered,
    decimal QueueTalkSec);

/// <summary>One interval where queue statistics' answered calls and the agent segments of the calls started in it differ.</summary>
public sealed record SegmentIntervalDifference(DateTime IntervalStartUtc, long Answered, long Segments);

/// <summary>An inferred member (agent or queue) that facts of a report still point at.</summary>
public sealed record InferredMemberFacts(string Report, string Member, string MemberId, long Facts, DateTime FirstIntervalUtc);

/// <summary>
/// One agent and interval where agent statistics and agent extended statistics (summed over queues) differ. The
/// statistics' measures are null where the report did not carry them; <see cref="HasStats"/> is false where agent
/// statistics have no row for the agent (their measures then count as zero).
/// </summary>
public sealed record AgentStatsDifference(
    DateTime IntervalStartUtc,
    string AgentId,
    string? AgentName,
    bool HasStats,
    decimal? StatsTalkSec,
    decimal? StatsWrapUpSec,
    long? StatsAnswered,
    decimal ExtendedTalkSec,
    decimal ExtendedWrapUpSec,
    long ExtendedAnswered);
