namespace RcWarehouse.Core.Parsing;

/// <summary>The fields agent-extended and queue statistics have in common: interval, start, queue and the shared measures.</summary>
internal static class AggregateFields
{
    public static readonly AggregateField Interval = new("interval", "interval", AggregateFieldKind.IntervalMinutes, "interval_minutes", "timeInterval");

    public static readonly AggregateField DateFrom = new("date_from", "dateFrom", AggregateFieldKind.DateFrom);

    // The guide's header is literally "time (H24:MI)"; XML cannot spell that, so plain "time" is the same column.
    public static readonly AggregateField Time = new("time", "time", AggregateFieldKind.Time, "time (H24:MI)", "time(H24:MI)", "time (H24-MI)");

    public static readonly AggregateField DateTimeFrom = new("date_time_from", "dateTimeFrom", AggregateFieldKind.DateTimeFrom);

    public static readonly AggregateField Queue = new("queue", "queue", AggregateFieldKind.Id, "queue_id", "queueId");

    public static readonly AggregateField QueueName = new("queue_name", "queueName", AggregateFieldKind.Name);

    public static readonly AggregateField TalkingCallDur = new("talking_call_dur", "talkingIxnDur", AggregateFieldKind.DurationSeconds);

    public static readonly AggregateField WrapUpDur = new("wrap_up_dur", "wrapUpDur", AggregateFieldKind.DurationSeconds);

    public static readonly AggregateField AnswCallCnt = new("answ_call_cnt", "answIxnCnt", AggregateFieldKind.Count);

    public static IReadOnlyList<AggregateField> IntervalStart { get; } = [Interval, DateFrom, Time, DateTimeFrom];
}
