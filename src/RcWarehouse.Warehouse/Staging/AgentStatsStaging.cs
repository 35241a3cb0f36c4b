using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports.AgentStats;

namespace RcWarehouse.Warehouse.Staging;

/// <summary>
/// Agent statistics stage one row per agent x interval; the row's other measures travel with it as a JSON array
/// (<c>other_measures_json</c>) that the publish step unpacks, as segments carry their events.
/// </summary>
internal static class AgentStatsStaging
{
    public static StageLayout<AgentStatsRow> Layout { get; } = new(
        "agent_stats",
        [
            StageLayout<AgentStatsRow>.Int64("interval_key", r => IntervalKey.FromUtc(Start(r))),
            StageLayout<AgentStatsRow>.Utc("interval_start_utc", r => r.IntervalStartUtc),
            StageLayout<AgentStatsRow>.Int32("interval_minutes", r => r.IntervalMinutes),
            StageLayout<AgentStatsRow>.Text("agent_id", r => r.AgentId, ColumnSizes.Id),
            StageLayout<AgentStatsRow>.Text("agent_name", r => r.AgentName, ColumnSizes.Name),
            StageLayout<AgentStatsRow>.OptionalDecimal("logged_in_dur_sec", r => r.LoggedInDurSec),
            StageLayout<AgentStatsRow>.OptionalDecimal("available_dur_sec", r => r.AvailableDurSec),
            StageLayout<AgentStatsRow>.OptionalDecimal("talking_call_dur_sec", r => r.TalkingCallDurSec),
            StageLayout<AgentStatsRow>.OptionalDecimal("wrap_up_dur_sec", r => r.WrapUpDurSec),
            StageLayout<AgentStatsRow>.OptionalDecimal("away_dur_sec", r => r.AwayDurSec),
            StageLayout<AgentStatsRow>.Int64("presented_call_cnt", r => r.PresentedCallCnt),
            StageLayout<AgentStatsRow>.Int64("answ_call_cnt", r => r.AnswCallCnt),
            StageLayout<AgentStatsRow>.Int64("transfer_out_call_cnt", r => r.TransferOutCallCnt),
            StageLayout<AgentStatsRow>.Text("other_measures_json", r => OtherMeasuresJson.Write(r.OtherMeasures), maxLength: null),
        ],
        Start,
        r => Start(r).AddMinutes(r.IntervalMinutes),
        r => IntervalRowRules.Check(Start(r), r.IntervalMinutes, ("agent_id", r.AgentId)));

    private static DateTime Start(AgentStatsRow row) => StageLayout<AgentStatsRow>.AsUtc(row.IntervalStartUtc, "interval start");
}
