using RcWarehouse.Core.Parsing;

namespace RcWarehouse.Core.Reports.AgentStats;

/// <summary>
/// The agent statistics fields the loader knows (a reading of the documented purpose; see docs/bi.md) and how a record
/// becomes an <see cref="AgentStatsRow"/>. Only the interval, its start and the agent are required: the measures are
/// undocumented, so a file without one of them still loads, and its numbers reach the measure table instead.
/// </summary>
internal static class AgentStatsSchema
{
    public static readonly AggregateField AgentId = new("agent_id", "agentId", AggregateFieldKind.Id);

    public static readonly AggregateField AgentName = new("agent_name", "agentName", AggregateFieldKind.Name);

    public static readonly AggregateField LoggedInDur = new("logged_in_dur", "loggedInDur", AggregateFieldKind.OptionalDurationSeconds, "login_dur", "loginDur");

    public static readonly AggregateField AvailableDur = new("available_dur", "availableDur", AggregateFieldKind.OptionalDurationSeconds, "idle_dur", "idleDur");

    public static readonly AggregateField TalkingCallDur = new("talking_call_dur", "talkingIxnDur", AggregateFieldKind.OptionalDurationSeconds);

    public static readonly AggregateField WrapUpDur = new("wrap_up_dur", "wrapUpDur", AggregateFieldKind.OptionalDurationSeconds);

    public static readonly AggregateField AwayDur = new("away_dur", "awayDur", AggregateFieldKind.OptionalDurationSeconds, "not_ready_dur", "notReadyDur");

    public static readonly AggregateField PresentedCallCnt = new("presented_call_cnt", "presentedIxnCnt", AggregateFieldKind.OptionalCount);

    public static readonly AggregateField AnswCallCnt = new("answ_call_cnt", "answIxnCnt", AggregateFieldKind.OptionalCount);

    public static readonly AggregateField TransferOutCallCnt = new("transfer_out_call_cnt", "transferOutIxnCnt", AggregateFieldKind.OptionalCount);

    public static AggregateSchema<AgentStatsRow> Instance { get; } = new(
        "agent statistics",
        [
            AgentId, AgentName, LoggedInDur, AvailableDur, TalkingCallDur, WrapUpDur, AwayDur,
            PresentedCallCnt, AnswCallCnt, TransferOutCallCnt,
        ],
        r => $"agent {r.Id(AgentId)}",
        (r, startUtc, minutes) => new AgentStatsRow
        {
            IntervalStartUtc = startUtc,
            IntervalMinutes = minutes,
            AgentId = r.Id(AgentId),
            AgentName = r.Name(AgentName),
            LoggedInDurSec = r.OptionalDuration(LoggedInDur),
            AvailableDurSec = r.OptionalDuration(AvailableDur),
            TalkingCallDurSec = r.OptionalDuration(TalkingCallDur),
            WrapUpDurSec = r.OptionalDuration(WrapUpDur),
            AwayDurSec = r.OptionalDuration(AwayDur),
            PresentedCallCnt = r.OptionalCount(PresentedCallCnt),
            AnswCallCnt = r.OptionalCount(AnswCallCnt),
            TransferOutCallCnt = r.OptionalCount(TransferOutCallCnt),
            OtherMeasures = r.OtherMeasures(),
        },
        keepsOtherNumbers: true);
}
