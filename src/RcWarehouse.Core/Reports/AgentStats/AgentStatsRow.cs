using RcWarehouse.Core.Parsing;

namespace RcWarehouse.Core.Reports.AgentStats;

/// <summary>
/// One agent x interval of the agent statistics report (how agents spent their time), whatever format it came in.
/// RingCX documents the report's purpose, not its fields: every measure the loader knows is optional (null when the
/// answer lacks it), and every other numeric field of the row is in <see cref="OtherMeasures"/>.
/// </summary>
public sealed record AgentStatsRow
{
    /// <summary>Interval start, converted from the report's time zone to UTC.</summary>
    public required DateTime IntervalStartUtc { get; init; }

    public required int IntervalMinutes { get; init; }

    public required string AgentId { get; init; }

    public string? AgentName { get; init; }

    /// <summary>Seconds logged in during the interval (every state below is part of it).</summary>
    public decimal? LoggedInDurSec { get; init; }

    /// <summary>Seconds ready for a contact and waiting (idle).</summary>
    public decimal? AvailableDurSec { get; init; }

    public decimal? TalkingCallDurSec { get; init; }

    public decimal? WrapUpDurSec { get; init; }

    /// <summary>Seconds logged in but not ready (breaks, lunch, meetings: away).</summary>
    public decimal? AwayDurSec { get; init; }

    /// <summary>Contacts offered to the agent, answered or not.</summary>
    public long? PresentedCallCnt { get; init; }

    public long? AnswCallCnt { get; init; }

    public long? TransferOutCallCnt { get; init; }

    /// <summary>The row's numeric fields the loader has no column for, by stored name, in file order.</summary>
    public IReadOnlyList<OtherMeasure> OtherMeasures { get; init; } = [];
}
