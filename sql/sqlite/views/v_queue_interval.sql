-- Re-applied on every migrate (dropped and created: SQLite has no CREATE OR ALTER VIEW).
-- One row per source x queue x interval, with the queue's name as of that interval
-- and the business-time-zone columns of dim_interval.
--   service_level_pct   = answered within the service level / (answered + abandoned)
--   abandon_rate_pct    = abandoned / (answered + abandoned)
--   avg_handle_time_sec = (talking + wrap-up) / answered
--   avg_speed_of_answer_sec = queue time of answered calls / answered
--   longest_wait_sec    = the longer of the longest answered and the longest abandoned wait (never NULL)
-- Each is NULL when its denominator is zero.
DROP VIEW IF EXISTS v_queue_interval;
CREATE VIEW v_queue_interval
AS
SELECT
    f.source_key,
    s.source_name,
    s.sub_account_id,
    f.queue_key,
    q.queue_id,
    q.queue_name,
    q.queue_group_id,
    q.queue_group_name,
    q.queue_type,
    f.interval_key,
    i.start_utc,
    i.local_start,
    i.local_date,
    i.local_time,
    i.local_hour,
    i.day_of_week,
    i.is_weekend,
    f.interval_minutes,
    f.offd_direct_call_cnt,
    f.overflow_in_call_cnt,
    f.overflow_out_call_cnt,
    f.answ_call_cnt,
    f.aband_call_cnt,
    f.aband_short_call_cnt,
    f.aband_within_sl_cnt,
    f.ans_servicelevel_cnt,
    f.queued_and_answ_call_dur_sec,
    f.queued_and_aband_call_dur_sec,
    f.queued_answ_longest_que_dur_sec,
    f.queued_aband_longest_que_dur_sec,
    f.talking_call_dur_sec,
    f.wrap_up_dur_sec,
    f.wait_dur_sec,
    ROUND(100.0 * f.ans_servicelevel_cnt / NULLIF(f.answ_call_cnt + f.aband_call_cnt, 0), 2) AS service_level_pct,
    ROUND(100.0 * f.aband_call_cnt / NULLIF(f.answ_call_cnt + f.aband_call_cnt, 0), 2) AS abandon_rate_pct,
    ROUND(1.0 * (f.talking_call_dur_sec + f.wrap_up_dur_sec) / NULLIF(f.answ_call_cnt, 0), 3) AS avg_handle_time_sec,
    ROUND(1.0 * f.queued_and_answ_call_dur_sec / NULLIF(f.answ_call_cnt, 0), 3) AS avg_speed_of_answer_sec,
    CASE WHEN f.queued_answ_longest_que_dur_sec >= f.queued_aband_longest_que_dur_sec
         THEN f.queued_answ_longest_que_dur_sec ELSE f.queued_aband_longest_que_dur_sec END AS longest_wait_sec
FROM fact_queue_interval AS f
INNER JOIN dim_source AS s ON s.source_key = f.source_key
INNER JOIN dim_queue AS q ON q.queue_key = f.queue_key
INNER JOIN dim_interval AS i ON i.interval_key = f.interval_key;
