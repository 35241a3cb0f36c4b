-- Re-applied on every migrate (dropped and created: SQLite has no CREATE OR ALTER VIEW).
-- One row per source x supervisor x interval: the agent-queue facts of every agent whom the supervisor supervised
-- at that interval (bridge_agent_supervisor valid at the interval's start), so a team change moves the agent's work
-- from one supervisor to the other on the day it happened. supervisor_name is the supervisor's version of that time.
--   avg_handle_time_sec = (talking + wrap-up) / answered, NULL when nothing was answered.
DROP VIEW IF EXISTS v_supervisor_interval;
CREATE VIEW v_supervisor_interval
AS
SELECT
    f.source_key,
    s.source_name,
    s.sub_account_id,
    b.supervisor_agent_id,
    MAX(sup.agent_name) AS supervisor_name,
    f.interval_key,
    i.start_utc,
    i.local_start,
    i.local_date,
    i.local_time,
    i.local_hour,
    i.day_of_week,
    i.is_weekend,
    COUNT(DISTINCT a.agent_id) AS agent_cnt,
    SUM(f.answ_call_cnt) AS answ_call_cnt,
    SUM(f.transfer_out_call_cnt) AS transfer_out_call_cnt,
    SUM(f.talking_call_dur_sec) AS talking_call_dur_sec,
    SUM(f.wrap_up_dur_sec) AS wrap_up_dur_sec,
    ROUND(1.0 * (SUM(f.talking_call_dur_sec) + SUM(f.wrap_up_dur_sec)) / NULLIF(SUM(f.answ_call_cnt), 0), 3) AS avg_handle_time_sec
FROM fact_agent_queue_interval AS f
INNER JOIN dim_source AS s ON s.source_key = f.source_key
INNER JOIN dim_interval AS i ON i.interval_key = f.interval_key
INNER JOIN dim_agent AS a ON a.agent_key = f.agent_key
INNER JOIN bridge_agent_supervisor AS b
    ON b.source_key = f.source_key
   AND b.agent_id = a.agent_id
   AND b.valid_from_utc <= i.start_utc
   AND i.start_utc < b.valid_to_utc
LEFT JOIN dim_agent AS sup
    ON sup.source_key = f.source_key
   AND sup.agent_id = b.supervisor_agent_id
   AND sup.valid_from_utc <= i.start_utc
   AND i.start_utc < sup.valid_to_utc
GROUP BY f.source_key, s.source_name, s.sub_account_id, b.supervisor_agent_id, f.interval_key,
         i.start_utc, i.local_start, i.local_date, i.local_time, i.local_hour, i.day_of_week, i.is_weekend;
