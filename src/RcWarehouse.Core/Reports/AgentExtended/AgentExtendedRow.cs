namespace RcWarehouse.Core.Reports.AgentExtended;

/// <summary>One agent x queue x interval of the agent extended statistics report, whatever format it came in.</summary>
public sealed record AgentExtendedRow
{
    /// <summary>Interval start, converted from the report's time zone to UTC.</summary>
    public required DateTime IntervalStartUtc { get; init; }

    public required int IntervalMinutes { get; init; }

    public required string AgentId { get; init; }

    public string? AgentName { get; init; }

    public required string QueueId { get; init; }

    public string? QueueName { get; init; }

    public required decimal TalkingCallDurSec { get; init; }

    public required decimal WrapUpDurSec { get; init; }

    public required long AnswCallCnt { get; init; }

    public required long TransferOutCallCnt { get; init; }
}
