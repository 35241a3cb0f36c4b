using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports.QueueStats;

namespace RcWarehouse.Warehouse.Staging;

internal static class QueueStatsStaging
{
    public static StageLayout<QueueStatsRow> Layout { get; } = new(
        "queue_stats",
        [
            StageLayout<QueueStatsRow>.Int64("interval_key", r => IntervalKey.FromUtc(Start(r))),
            StageLayout<QueueStatsRow>.Utc("interval_start_utc", r => r.IntervalStartUtc),
            StageLayout<QueueStatsRow>.Int32("interval_minutes", r => r.IntervalMinutes),
            StageLayout<QueueStatsRow>.Text("queue_id", r => r.QueueId, ColumnSizes.Id),
            StageLayout<QueueStatsRow>.Text("queue_name", r => r.QueueName, ColumnSizes.Name),
            StageLayout<QueueStatsRow>.Int64("offd_direct_call_cnt", r => r.OffdDirectCallCnt),
            StageLayout<QueueStatsRow>.Int64("overflow_in_call_cnt", r => r.OverflowInCallCnt),
            StageLayout<QueueStatsRow>.Int64("aband_call_cnt", r => r.AbandCallCnt),
            StageLayout<QueueStatsRow>.Int64("overflow_out_call_cnt", r => r.OverflowOutCallCnt),
            StageLayout<QueueStatsRow>.Int64("answ_call_cnt", r => r.AnswCallCnt),
            StageLayout<QueueStatsRow>.Decimal("queued_and_answ_call_dur_sec", r => r.QueuedAndAnswCallDurSec),
            StageLayout<QueueStatsRow>.Decimal("queued_and_aband_call_dur_sec", r => r.QueuedAndAbandCallDurSec),
            StageLayout<QueueStatsRow>.Decimal("talking_call_dur_sec", r => r.TalkingCallDurSec),
            StageLayout<QueueStatsRow>.Decimal("wrap_up_dur_sec", r => r.WrapUpDurSec),
            StageLayout<QueueStatsRow>.Decimal("queued_answ_longest_que_dur_sec", r => r.QueuedAnswLongestQueDurSec),
            StageLayout<QueueStatsRow>.Decimal("queued_aband_longest_que_dur_sec", r => r.QueuedAbandLongestQueDurSec),
            StageLayout<QueueStatsRow>.Int64("ans_servicelevel_cnt", r => r.AnsServicelevelCnt),
            StageLayout<QueueStatsRow>.Decimal("wait_dur_sec", r => r.WaitDurSec),
            StageLayout<QueueStatsRow>.Int64("aband_short_call_cnt", r => r.AbandShortCallCnt),
            StageLayout<QueueStatsRow>.Int64("aband_within_sl_cnt", r => r.AbandWithinSlCnt),
            StageLayout<QueueStatsRow>.Int64("completed_contacts", r => r.CompletedContacts),
            StageLayout<QueueStatsRow>.Int64("segment_hold_time_ms", r => r.SegmentHoldTimeMs),
        ],
        Start,
        r => Start(r).AddMinutes(r.IntervalMinutes),
        r => IntervalRowRules.Check(Start(r), r.IntervalMinutes, ("queue_id", r.QueueId)));

    private static DateTime Start(QueueStatsRow row) => StageLayout<QueueStatsRow>.AsUtc(row.IntervalStartUtc, "interval start");
}
