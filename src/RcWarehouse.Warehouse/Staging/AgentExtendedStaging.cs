using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports.AgentExtended;

namespace RcWarehouse.Warehouse.Staging;

internal static class AgentExtendedStaging
{
    public static StageLayout<AgentExtendedRow> Layout { get; } = new(
        "agent_extended",
        [
            StageLayout<AgentExtendedRow>.Int64("interval_key", r => IntervalKey.FromUtc(Start(r))),
            StageLayout<AgentExtendedRow>.Utc("interval_start_utc", r => r.IntervalStartUtc),
            StageLayout<AgentExtendedRow>.Int32("interval_minutes", r => r.IntervalMinutes),
            StageLayout<AgentExtendedRow>.Text("agent_id", r => r.AgentId, ColumnSizes.Id),
            StageLayout<AgentExtendedRow>.Text("agent_name", r => r.AgentName, ColumnSizes.Name),
            StageLayout<AgentExtendedRow>.Text("queue_id", r => r.QueueId, ColumnSizes.Id),
            StageLayout<AgentExtendedRow>.Text("queue_name", r => r.QueueName, ColumnSizes.Name),
            StageLayout<AgentExtendedRow>.Decimal("talking_call_dur_sec", r => r.TalkingCallDurSec),
            StageLayout<AgentExtendedRow>.Decimal("wrap_up_dur_sec", r => r.WrapUpDurSec),
            StageLayout<AgentExtendedRow>.Int64("answ_call_cnt", r => r.AnswCallCnt),
            StageLayout<AgentExtendedRow>.Int64("transfer_out_call_cnt", r => r.TransferOutCallCnt),
        ],
        Start,
        r => Start(r).AddMinutes(r.IntervalMinutes),
        r => IntervalRowRules.Check(Start(r), r.IntervalMinutes, ("agent_id", r.AgentId), ("queue_id", r.QueueId)));

    private static DateTime Start(AgentExtendedRow row) => StageLayout<AgentExtendedRow>.AsUtc(row.IntervalStartUtc, "interval start");
}
