-- Re-applied on every migrate (dropped and created: SQLite has no CREATE OR ALTER VIEW).
DROP VIEW IF EXISTS v_segment;
CREATE VIEW v_segment
AS
-- One row per call leg with the agent version valid when it started (agent columns NULL while a legacy segment's
-- RingCentral user id is not yet known to the reference data), its direction and the business-time-zone slot it
-- started in. Phone numbers and notes are as Warehouse:PersonalData stored them (hashed by default). recording_url is
-- the legacy generation's segmentRecordingURL (NULL in the current generation, whose recordings are fetched by id).
SELECT
    f.source_key,
    s.source_name,
    s.sub_account_id,
    f.interaction_id,
    f.segment_id,
    f.dialog_id,
    f.agent_key,
    f.agent_id,
    f.rc_user_id,
    a.agent_name,
    a.agent_group_name,
    f.agent_group_id,
    f.direction,
    f.channel_type,
    f.channel_class,
    f.segment_type,
    f.interval_key,
    i.local_date,
    i.local_time AS slot_local_time,
    i.local_hour,
    i.day_of_week,
    f.interaction_start_utc,
    f.segment_start_utc,
    f.segment_end_utc,
    f.segment_duration_ms,
    ROUND(f.segment_duration_ms / 1000.0, 3) AS segment_duration_sec,
    f.calling_address,
    f.called_address,
    f.has_recording,
    f.recording_url,
    f.has_transcript,
    f.system_disposition,
    f.agent_disposition
FROM fact_segment AS f
INNER JOIN dim_source AS s ON s.source_key = f.source_key
INNER JOIN dim_interval AS i ON i.interval_key = f.interval_key
LEFT JOIN dim_agent AS a ON a.agent_key = f.agent_key;
