-- Re-applied on every migrate. One row per source x agent x queue x interval, with the agent and queue versions valid
-- at that interval and the business-time-zone columns of dw.dim_interval.
--   avg_handle_time_sec = (talking + wrap-up) / answered, NULL when nothing was answered.
CREATE OR ALTER VIEW dw.v_agent_queue_interval
AS
SELECT
    f.source_key,
    s.source_name,
    s.sub_account_id,
    f.agent_key,
    a.agent_id,
    a.agent_name,
    a.agent_type,
    a.agent_group_id,
    a.agent_group_name,
    f.queue_key,
    q.queue_id,
    q.queue_name,
    q.queue_group_name,
    f.interval_key,
    i.start_utc,
    i.local_start,
    i.local_date,
    i.local_time,
    i.local_hour,
    i.day_of_week,
    i.is_weekend,
    f.interval_minutes,
    f.answ_call_cnt,
    f.transfer_out_call_cnt,
    f.talking_call_dur_sec,
    f.wrap_up_dur_sec,
    CAST((f.talking_call_dur_sec + f.wrap_up_dur_sec) / NULLIF(f.answ_call_cnt, 0) AS decimal(19, 3)) AS avg_handle_time_sec
FROM dw.fact_agent_queue_interval AS f
INNER JOIN dw.dim_source AS s ON s.source_key = f.source_key
INNER JOIN dw.dim_agent AS a ON a.agent_key = f.agent_key
INNER JOIN dw.dim_queue AS q ON q.queue_key = f.queue_key
INNER JOIN dw.dim_interval AS i ON i.interval_key = f.interval_key;
