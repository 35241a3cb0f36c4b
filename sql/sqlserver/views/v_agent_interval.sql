-- Re-applied on every migrate. One row per source x agent x interval of the agent statistics report, with the agent
-- version valid at that interval and the business-time-zone columns of dw.dim_interval. Definitions (docs/bi.md,
-- "Agent statistics"):
--   occupancy   = (talking + wrap-up) / (logged-in - away): the share of the time the agent was ready for work spent on it
--   utilization = (talking + wrap-up) / logged-in: the share of all logged-in time spent on contacts
-- Each is NULL when a measure it needs is NULL or its denominator is zero.
CREATE OR ALTER VIEW dw.v_agent_interval
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
    f.interval_key,
    i.start_utc,
    i.local_start,
    i.local_date,
    i.local_time,
    i.local_hour,
    i.day_of_week,
    i.is_weekend,
    f.interval_minutes,
    f.logged_in_dur_sec,
    f.available_dur_sec,
    f.talking_call_dur_sec,
    f.wrap_up_dur_sec,
    f.away_dur_sec,
    f.presented_call_cnt,
    f.answ_call_cnt,
    f.transfer_out_call_cnt,
    CAST(ROUND((f.talking_call_dur_sec + f.wrap_up_dur_sec) / NULLIF(f.logged_in_dur_sec - f.away_dur_sec, 0), 4) AS decimal(19, 4)) AS occupancy,
    CAST(ROUND((f.talking_call_dur_sec + f.wrap_up_dur_sec) / NULLIF(f.logged_in_dur_sec, 0), 4) AS decimal(19, 4)) AS utilization
FROM dw.fact_agent_interval AS f
INNER JOIN dw.dim_source AS s ON s.source_key = f.source_key
INNER JOIN dw.dim_agent AS a ON a.agent_key = f.agent_key
INNER JOIN dw.dim_interval AS i ON i.interval_key = f.interval_key;
