namespace RcWarehouse.Core.Reports.QueueStats;

/// <summary>One queue x interval of the queue statistics report. The last two fields exist only in the current generation's JSON.</summary>
public sealed record QueueStatsRow
{
    public required DateTime IntervalStartUtc { get; init; }

    public required int IntervalMinutes { get; init; }

    public required string QueueId { get; init; }

    public string? QueueName { get; init; }

    public required long OffdDirectCallCnt { get; init; }

    public required long OverflowInCallCnt { get; init; }

    public required long AbandCallCnt { get; init; }

    public required long OverflowOutCallCnt { get; init; }

    public required long AnswCallCnt { get; init; }

    public required decimal QueuedAndAnswCallDurSec { get; init; }

    public required decimal QueuedAndAbandCallDurSec { get; init; }

    public required decimal TalkingCallDurSec { get; init; }

    public required decimal WrapUpDurSec { get; init; }

    public required decimal QueuedAnswLongestQueDurSec { get; init; }

    public required decimal QueuedAbandLongestQueDurSec { get; init; }

    public required long AnsServicelevelCnt { get; init; }

    public required decimal WaitDurSec { get; init; }

    public required long AbandShortCallCnt { get; init; }

    public required long AbandWithinSlCnt { get; init; }

    /// <summary>Null in the legacy generation.</summary>
    public long? CompletedContacts { get; init; }

    /// <summary>Milliseconds, voice only; null in the legacy generation.</summary>
    public long? SegmentHoldTimeMs { get; init; }
}
