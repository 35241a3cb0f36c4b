using RcWarehouse.Core.Parsing;

namespace RcWarehouse.Core.Reports.QueueStats;

/// <summary>The queue statistics fields and how a record becomes a <see cref="QueueStatsRow"/>.</summary>
internal static class QueueStatsSchema
{
    // One guide spells the JSON name offDirectIxnCnt.
    public static readonly AggregateField OffdDirectCallCnt = new("offd_direct_call_cnt", "offdDirectIxnCnt", AggregateFieldKind.Count, "offDirectIxnCnt", "offDirectCallCnt", "off_direct_call_cnt");

    public static readonly AggregateField OverflowInCallCnt = new("overflow_in_call_cnt", "overflowInIxnCnt", AggregateFieldKind.Count);

    public static readonly AggregateField AbandCallCnt = new("aband_call_cnt", "abandIxnCnt", AggregateFieldKind.Count);

    public static readonly AggregateField OverflowOutCallCnt = new("overflow_out_call_cnt", "overflowOutIxnCnt", AggregateFieldKind.Count);

    public static readonly AggregateField QueuedAndAnswCallDur = new("queued_and_answ_call_dur", "queuedAndAnswIxnDur", AggregateFieldKind.DurationSeconds);

    public static readonly AggregateField QueuedAndAbandCallDur = new("queued_and_aband_call_dur", "queuedAndAbandIxnDur", AggregateFieldKind.DurationSeconds);

    public static readonly AggregateField QueuedAnswLongestQueDur = new("queued_answ_longest_que_dur", "queuedAnswLongestQueDur", AggregateFieldKind.DurationSeconds);

    public static readonly AggregateField QueuedAbandLongestQueDur = new("queued_aband_longest_que_dur", "queuedAbandLongestQueDur", AggregateFieldKind.DurationSeconds);

    public static readonly AggregateField AnsServicelevelCnt = new("ans_servicelevel_cnt", "ansServicelevelCnt", AggregateFieldKind.Count);

    public static readonly AggregateField WaitDur = new("wait_dur", "waitDur", AggregateFieldKind.DurationSeconds);

    public static readonly AggregateField AbandShortCallCnt = new("aband_short_call_cnt", "abandShortIxnCnt", AggregateFieldKind.Count);

    public static readonly AggregateField AbandWithinSlCnt = new("aband_within_sl_cnt", "abandWithinSlCnt", AggregateFieldKind.Count);

    public static readonly AggregateField CompletedContacts = new("completed_contacts", "completedContacts", AggregateFieldKind.OptionalCount);

    public static readonly AggregateField SegmentHoldTime = new("segment_hold_time", "segmentHoldTime", AggregateFieldKind.OptionalMilliseconds);

    public static AggregateSchema<QueueStatsRow> Instance { get; } = new(
        "queue statistics",
        [
            AggregateFields.Queue, AggregateFields.QueueName, OffdDirectCallCnt, OverflowInCallCnt, AbandCallCnt,
            OverflowOutCallCnt, AggregateFields.AnswCallCnt, QueuedAndAnswCallDur, QueuedAndAbandCallDur,
            AggregateFields.TalkingCallDur, AggregateFields.WrapUpDur, QueuedAnswLongestQueDur, QueuedAbandLongestQueDur,
            AnsServicelevelCnt, WaitDur, AbandShortCallCnt, AbandWithinSlCnt, CompletedContacts, SegmentHoldTime,
        ],
        r => $"queue {r.Id(AggregateFields.Queue)}",
        (r, startUtc, minutes) => new QueueStatsRow
        {
            IntervalStartUtc = startUtc,
            IntervalMinutes = minutes,
            QueueId = r.Id(AggregateFields.Queue),
            QueueName = r.Name(AggregateFields.QueueName),
            OffdDirectCallCnt = r.Count(OffdDirectCallCnt),
            OverflowInCallCnt = r.Count(OverflowInCallCnt),
            AbandCallCnt = r.Count(AbandCallCnt),
            OverflowOutCallCnt = r.Count(OverflowOutCallCnt),
            AnswCallCnt = r.Count(AggregateFields.AnswCallCnt),
            QueuedAndAnswCallDurSec = r.Duration(QueuedAndAnswCallDur),
            QueuedAndAbandCallDurSec = r.Duration(QueuedAndAbandCallDur),
            TalkingCallDurSec = r.Duration(AggregateFields.TalkingCallDur),
            WrapUpDurSec = r.Duration(AggregateFields.WrapUpDur),
            QueuedAnswLongestQueDurSec = r.Duration(QueuedAnswLongestQueDur),
            QueuedAbandLongestQueDurSec = r.Duration(QueuedAbandLongestQueDur),
            AnsServicelevelCnt = r.Count(AnsServicelevelCnt),
            WaitDurSec = r.Duration(WaitDur),
            AbandShortCallCnt = r.Count(AbandShortCallCnt),
            AbandWithinSlCnt = r.Count(AbandWithinSlCnt),
            CompletedContacts = r.OptionalCount(CompletedContacts),
            SegmentHoldTimeMs = r.OptionalMilliseconds(SegmentHoldTime),
        });
}
