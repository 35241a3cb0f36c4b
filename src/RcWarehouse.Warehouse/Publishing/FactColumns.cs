namespace RcWarehouse.Warehouse.Publishing;

/// <summary>
/// The non-key columns each fact copies from staging, named identically in stage and fact tables. Both engines'
/// statement catalogs build their replace statements from these lists.
/// </summary>
internal static class FactColumns
{
    public static IReadOnlyList<string> AgentQueueMeasures { get; } =
    [
        "interval_minutes", "talking_call_dur_sec", "wrap_up_dur_sec", "answ_call_cnt", "transfer_out_call_cnt",
    ];

    public static IReadOnlyList<string> QueueMeasures { get; } =
    [
        "interval_minutes", "offd_direct_call_cnt", "overflow_in_call_cnt", "aband_call_cnt", "overflow_out_call_cnt",
        "answ_call_cnt", "queued_and_answ_call_dur_sec", "queued_and_aband_call_dur_sec", "talking_call_dur_sec",
        "wrap_up_dur_sec", "queued_answ_longest_que_dur_sec", "queued_aband_longest_que_dur_sec", "ans_servicelevel_cnt",
        "wait_dur_sec", "aband_short_call_cnt", "aband_within_sl_cnt", "completed_contacts", "segment_hold_time_ms",
    ];

    /// <summary>Everything of a segment beyond its key (source_key, interaction_id, segment_id) and load_batch_id.</summary>
    public static IReadOnlyList<string> SegmentAttributes { get; } =
    [
        "dialog_id", "interval_key", "agent_key", "agent_id", "rc_user_id", "agent_group_id", "segment_type",
        "channel_type", "channel_class", "direction", "interaction_start_utc", "interaction_duration_ms",
        "segment_start_utc", "segment_end_utc", "segment_duration_ms", "calling_address", "called_address",
        "recording_url", "has_recording", "has_transcript", "system_disposition", "agent_disposition", "agent_notes",
    ];

    public static IReadOnlyList<string> EventAttributes { get; } = ["event_type", "event_time_utc", "client_event_time_utc"];
}
