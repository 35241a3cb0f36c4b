using RcWarehouse.Core.Parsing;

namespace RcWarehouse.Core.Reports.AgentExtended;

/// <summary>The agent extended statistics fields and how a record becomes an <see cref="AgentExtendedRow"/>.</summary>
internal static class AgentExtendedSchema
{
    public static readonly AggregateField AgentId = new("agent_id", "agentId", AggregateFieldKind.Id);

    public static readonly AggregateField AgentName = new("agent_name", "agentName", AggregateFieldKind.Name);

    public static readonly AggregateField TransferOutCallCnt = new("transfer_out_call_cnt", "transferOutIxnCnt", AggregateFieldKind.Count);

    public static AggregateSchema<AgentExtendedRow> Instance { get; } = new(
        "agent extended statistics",
        [
            AgentId, AgentName, AggregateFields.Queue, AggregateFields.QueueName,
            AggregateFields.TalkingCallDur, AggregateFields.WrapUpDur, AggregateFields.AnswCallCnt, TransferOutCallCnt,
        ],
        r => $"agent {r.Id(AgentId)} in queue {r.Id(AggregateFields.Queue)}",
        (r, startUtc, minutes) => new AgentExtendedRow
        {
            IntervalStartUtc = startUtc,
            IntervalMinutes = minutes,
            AgentId = r.Id(AgentId),
            AgentName = r.Name(AgentName),
            QueueId = r.Id(AggregateFields.Queue),
            QueueName = r.Name(AggregateFields.QueueName),
            TalkingCallDurSec = r.Duration(AggregateFields.TalkingCallDur),
            WrapUpDurSec = r.Duration(AggregateFields.WrapUpDur),
            AnswCallCnt = r.Count(AggregateFields.AnswCallCnt),
            TransferOutCallCnt = r.Count(TransferOutCallCnt),
        });
}
