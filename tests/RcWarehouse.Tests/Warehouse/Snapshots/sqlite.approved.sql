-- Every statement the SQLite engine sends (generated; see GeneratedSqlSnapshotTests).

-- ==== stage_insert.segment
INSERT INTO temp.stage_segment (load_batch_id, interaction_id, segment_id, dialog_id, interval_key, agent_id, rc_user_id, agent_group_id, segment_type, channel_type, channel_class, direction, interaction_start_utc, interaction_duration_ms, segment_start_utc, segment_end_utc, segment_duration_ms, calling_address, called_address, recording_url, has_recording, has_transcript, system_disposition, agent_disposition, agent_notes, events_json, attributes_json)
VALUES (@load_batch_id, @r0c0, @r0c1, @r0c2, @r0c3, @r0c4, @r0c5, @r0c6, @r0c7, @r0c8, @r0c9, @r0c10, @r0c11, @r0c12, @r0c13, @r0c14, @r0c15, @r0c16, @r0c17, @r0c18, @r0c19, @r0c20, @r0c21, @r0c22, @r0c23, @r0c24, @r0c25),
       (@load_batch_id, @r1c0, @r1c1, @r1c2, @r1c3, @r1c4, @r1c5, @r1c6, @r1c7, @r1c8, @r1c9, @r1c10, @r1c11, @r1c12, @r1c13, @r1c14, @r1c15, @r1c16, @r1c17, @r1c18, @r1c19, @r1c20, @r1c21, @r1c22, @r1c23, @r1c24, @r1c25);

-- ==== stage_insert.agent_stats
INSERT INTO temp.stage_agent_stats (load_batch_id, interval_key, interval_start_utc, interval_minutes, agent_id, agent_name, logged_in_dur_sec, available_dur_sec, talking_call_dur_sec, wrap_up_dur_sec, away_dur_sec, presented_call_cnt, answ_call_cnt, transfer_out_call_cnt, other_measures_json)
VALUES (@load_batch_id, @r0c0, @r0c1, @r0c2, @r0c3, @r0c4, @r0c5, @r0c6, @r0c7, @r0c8, @r0c9, @r0c10, @r0c11, @r0c12, @r0c13),
       (@load_batch_id, @r1c0, @r1c1, @r1c2, @r1c3, @r1c4, @r1c5, @r1c6, @r1c7, @r1c8, @r1c9, @r1c10, @r1c11, @r1c12, @r1c13);

-- ==== fact_upsert.agent_extended
INSERT INTO fact_agent_queue_interval (source_key, interval_key, agent_key, queue_key, interval_minutes, talking_call_dur_sec, wrap_up_dur_sec, answ_call_cnt, transfer_out_call_cnt, load_batch_id)
VALUES (@source_key, @r0c0, @r0c1, @r0c2, @r0c3, @r0c4, @r0c5, @r0c6, @r0c7, @load_batch_id),
       (@source_key, @r1c0, @r1c1, @r1c2, @r1c3, @r1c4, @r1c5, @r1c6, @r1c7, @load_batch_id)
ON CONFLICT (source_key, interval_key, agent_key, queue_key) DO UPDATE
SET interval_minutes = excluded.interval_minutes,
    talking_call_dur_sec = excluded.talking_call_dur_sec,
    wrap_up_dur_sec = excluded.wrap_up_dur_sec,
    answ_call_cnt = excluded.answ_call_cnt,
    transfer_out_call_cnt = excluded.transfer_out_call_cnt,
    load_batch_id = excluded.load_batch_id
WHERE fact_agent_queue_interval.interval_minutes IS NOT excluded.interval_minutes
   OR fact_agent_queue_interval.talking_call_dur_sec IS NOT excluded.talking_call_dur_sec
   OR fact_agent_queue_interval.wrap_up_dur_sec IS NOT excluded.wrap_up_dur_sec
   OR fact_agent_queue_interval.answ_call_cnt IS NOT excluded.answ_call_cnt
   OR fact_agent_queue_interval.transfer_out_call_cnt IS NOT excluded.transfer_out_call_cnt;

-- ==== keys_insert.agent_extended
INSERT INTO temp.batch_keys_agent_extended (interval_key, agent_key, queue_key, batch_row)
VALUES (@r0c0, @r0c1, @r0c2, @r0c3),
       (@r1c0, @r1c1, @r1c2, @r1c3);

-- ==== select_key_row.agent_extended
SELECT batch_row FROM temp.batch_keys_agent_extended WHERE interval_key = @interval_key AND agent_key = @agent_key AND queue_key = @queue_key;

-- ==== select_versions.agent_extended.dim_agent
SELECT valid_from_utc, valid_to_utc, agent_key
FROM dim_agent
WHERE source_key = @source_key AND agent_id = @id
ORDER BY valid_from_utc DESC;

-- ==== infer_member.agent_extended.dim_agent
INSERT INTO dim_agent (source_key, agent_id, agent_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
VALUES (@source_key, @id, @attribute, 1, 1, '1900-01-01 00:00:00.000', '9999-12-31 00:00:00.000', 1)
RETURNING agent_key;

-- ==== select_versions.agent_extended.dim_queue
SELECT valid_from_utc, valid_to_utc, queue_key
FROM dim_queue
WHERE source_key = @source_key AND queue_id = @id
ORDER BY valid_from_utc DESC;

-- ==== infer_member.agent_extended.dim_queue
INSERT INTO dim_queue (source_key, queue_id, queue_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
VALUES (@source_key, @id, @attribute, 1, 1, '1900-01-01 00:00:00.000', '9999-12-31 00:00:00.000', 1)
RETURNING queue_key;

-- ==== fact_upsert.queue_stats
INSERT INTO fact_queue_interval (source_key, interval_key, queue_key, interval_minutes, offd_direct_call_cnt, overflow_in_call_cnt, aband_call_cnt, overflow_out_call_cnt, answ_call_cnt, queued_and_answ_call_dur_sec, queued_and_aband_call_dur_sec, talking_call_dur_sec, wrap_up_dur_sec, queued_answ_longest_que_dur_sec, queued_aband_longest_que_dur_sec, ans_servicelevel_cnt, wait_dur_sec, aband_short_call_cnt, aband_within_sl_cnt, completed_contacts, segment_hold_time_ms, load_batch_id)
VALUES (@source_key, @r0c0, @r0c1, @r0c2, @r0c3, @r0c4, @r0c5, @r0c6, @r0c7, @r0c8, @r0c9, @r0c10, @r0c11, @r0c12, @r0c13, @r0c14, @r0c15, @r0c16, @r0c17, @r0c18, @r0c19, @load_batch_id),
       (@source_key, @r1c0, @r1c1, @r1c2, @r1c3, @r1c4, @r1c5, @r1c6, @r1c7, @r1c8, @r1c9, @r1c10, @r1c11, @r1c12, @r1c13, @r1c14, @r1c15, @r1c16, @r1c17, @r1c18, @r1c19, @load_batch_id)
ON CONFLICT (source_key, interval_key, queue_key) DO UPDATE
SET interval_minutes = excluded.interval_minutes,
    offd_direct_call_cnt = excluded.offd_direct_call_cnt,
    overflow_in_call_cnt = excluded.overflow_in_call_cnt,
    aband_call_cnt = excluded.aband_call_cnt,
    overflow_out_call_cnt = excluded.overflow_out_call_cnt,
    answ_call_cnt = excluded.answ_call_cnt,
    queued_and_answ_call_dur_sec = excluded.queued_and_answ_call_dur_sec,
    queued_and_aband_call_dur_sec = excluded.queued_and_aband_call_dur_sec,
    talking_call_dur_sec = excluded.talking_call_dur_sec,
    wrap_up_dur_sec = excluded.wrap_up_dur_sec,
    queued_answ_longest_que_dur_sec = excluded.queued_answ_longest_que_dur_sec,
    queued_aband_longest_que_dur_sec = excluded.queued_aband_longest_que_dur_sec,
    ans_servicelevel_cnt = excluded.ans_servicelevel_cnt,
    wait_dur_sec = excluded.wait_dur_sec,
    aband_short_call_cnt = excluded.aband_short_call_cnt,
    aband_within_sl_cnt = excluded.aband_within_sl_cnt,
    completed_contacts = excluded.completed_contacts,
    segment_hold_time_ms = excluded.segment_hold_time_ms,
    load_batch_id = excluded.load_batch_id
WHERE fact_queue_interval.interval_minutes IS NOT excluded.interval_minutes
   OR fact_queue_interval.offd_direct_call_cnt IS NOT excluded.offd_direct_call_cnt
   OR fact_queue_interval.overflow_in_call_cnt IS NOT excluded.overflow_in_call_cnt
   OR fact_queue_interval.aband_call_cnt IS NOT excluded.aband_call_cnt
   OR fact_queue_interval.overflow_out_call_cnt IS NOT excluded.overflow_out_call_cnt
   OR fact_queue_interval.answ_call_cnt IS NOT excluded.answ_call_cnt
   OR fact_queue_interval.queued_and_answ_call_dur_sec IS NOT excluded.queued_and_answ_call_dur_sec
   OR fact_queue_interval.queued_and_aband_call_dur_sec IS NOT excluded.queued_and_aband_call_dur_sec
   OR fact_queue_interval.talking_call_dur_sec IS NOT excluded.talking_call_dur_sec
   OR fact_queue_interval.wrap_up_dur_sec IS NOT excluded.wrap_up_dur_sec
   OR fact_queue_interval.queued_answ_longest_que_dur_sec IS NOT excluded.queued_answ_longest_que_dur_sec
   OR fact_queue_interval.queued_aband_longest_que_dur_sec IS NOT excluded.queued_aband_longest_que_dur_sec
   OR fact_queue_interval.ans_servicelevel_cnt IS NOT excluded.ans_servicelevel_cnt
   OR fact_queue_interval.wait_dur_sec IS NOT excluded.wait_dur_sec
   OR fact_queue_interval.aband_short_call_cnt IS NOT excluded.aband_short_call_cnt
   OR fact_queue_interval.aband_within_sl_cnt IS NOT excluded.aband_within_sl_cnt
   OR fact_queue_interval.completed_contacts IS NOT excluded.completed_contacts
   OR fact_queue_interval.segment_hold_time_ms IS NOT excluded.segment_hold_time_ms;

-- ==== keys_insert.queue_stats
INSERT INTO temp.batch_keys_queue_stats (interval_key, queue_key, batch_row)
VALUES (@r0c0, @r0c1, @r0c2),
       (@r1c0, @r1c1, @r1c2);

-- ==== select_key_row.queue_stats
SELECT batch_row FROM temp.batch_keys_queue_stats WHERE interval_key = @interval_key AND queue_key = @queue_key;

-- ==== select_versions.queue_stats.dim_queue
SELECT valid_from_utc, valid_to_utc, queue_key
FROM dim_queue
WHERE source_key = @source_key AND queue_id = @id
ORDER BY valid_from_utc DESC;

-- ==== infer_member.queue_stats.dim_queue
INSERT INTO dim_queue (source_key, queue_id, queue_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
VALUES (@source_key, @id, @attribute, 1, 1, '1900-01-01 00:00:00.000', '9999-12-31 00:00:00.000', 1)
RETURNING queue_key;

-- ==== journal_exists
SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'SchemaVersions';

-- ==== ensure_journal
CREATE TABLE IF NOT EXISTS SchemaVersions (
    SchemaVersionsId INTEGER PRIMARY KEY AUTOINCREMENT,
    ScriptName       TEXT NOT NULL UNIQUE,
    Applied          TEXT NOT NULL,
    Checksum         TEXT NOT NULL
);

-- ==== select_journal
SELECT ScriptName, Checksum FROM SchemaVersions ORDER BY ScriptName;

-- ==== insert_journal
INSERT INTO SchemaVersions (ScriptName, Applied, Checksum) VALUES (@script_name, @applied, @checksum);

-- ==== delete_journal_entry
DELETE FROM SchemaVersions WHERE ScriptName = @script_name;

-- ==== begin_batch
INSERT INTO dim_source (sub_account_id, source_name)
VALUES (@sub_account_id, @source_name)
ON CONFLICT (sub_account_id) DO UPDATE
SET source_name = excluded.source_name
WHERE excluded.source_name IS NOT NULL AND excluded.source_name IS NOT dim_source.source_name;

INSERT INTO load_batch (source_key, report, window_start_utc, window_end_utc, landed_file, sha256, status, started_utc)
VALUES ((SELECT source_key FROM dim_source WHERE sub_account_id = @sub_account_id),
        @report, @window_start_utc, @window_end_utc, @landed_file, @sha256, 'running', @started_utc)
RETURNING load_batch_id, source_key;

-- ==== finish_batch
UPDATE load_batch
SET status = 'succeeded',
    rows_read = @rows_read,
    rows_loaded = @rows_loaded,
    window_start_utc = @window_start_utc,
    window_end_utc = @window_end_utc,
    error = NULL,
    finished_utc = @finished_utc
WHERE load_batch_id = @load_batch_id
  AND status = 'running';

-- ==== fail_batch
UPDATE load_batch
SET status = 'failed',
    rows_read = @rows_read,
    rows_loaded = 0,
    error = @error,
    finished_utc = @finished_utc
WHERE load_batch_id = @load_batch_id;

-- ==== select_batches
SELECT b.load_batch_id, s.sub_account_id, b.report, b.window_start_utc, b.window_end_utc, b.landed_file, b.sha256,
       b.rows_read, b.rows_loaded, b.status, b.error, b.started_utc, b.finished_utc
FROM load_batch AS b
INNER JOIN dim_source AS s ON s.source_key = b.source_key
WHERE @sub_account_id IS NULL OR s.sub_account_id = @sub_account_id
ORDER BY b.load_batch_id DESC
LIMIT @limit;

-- ==== insert_interval
INSERT INTO dim_interval (interval_key, start_utc, local_start, local_date, local_time, local_hour, day_of_week, is_weekend)
VALUES (@interval_key, @start_utc, @local_start, @local_date, @local_time, @local_hour, @day_of_week, @is_weekend)
ON CONFLICT (interval_key) DO NOTHING;

-- ==== advance_watermark
INSERT INTO watermark (source_key, report, loaded_through_utc, updated_utc)
VALUES (@source_key, @report, @loaded_through_utc, @now_utc)
ON CONFLICT (source_key, report) DO UPDATE
SET loaded_through_utc = excluded.loaded_through_utc,
    updated_utc = excluded.updated_utc
WHERE excluded.loaded_through_utc > watermark.loaded_through_utc;

-- ==== agent_extended.create_stage
DROP TABLE IF EXISTS temp.batch_keys_agent_extended;
CREATE TEMP TABLE batch_keys_agent_extended (interval_key INTEGER NOT NULL, agent_key INTEGER NOT NULL, queue_key INTEGER NOT NULL, batch_row INTEGER NOT NULL, PRIMARY KEY (interval_key, agent_key, queue_key)) WITHOUT ROWID;
DROP TABLE IF EXISTS temp.batch_keys_agent_extended_first_load;
CREATE TEMP TABLE batch_keys_agent_extended_first_load (source_key INTEGER NOT NULL, from_key INTEGER NOT NULL, to_key INTEGER NOT NULL, last_rowid INTEGER NOT NULL);
DROP TABLE IF EXISTS temp.stage_agent_extended_agents;
CREATE TEMP TABLE stage_agent_extended_agents (agent_id TEXT NOT NULL, agent_name TEXT NULL);
DROP TABLE IF EXISTS temp.stage_agent_extended_queues;
CREATE TEMP TABLE stage_agent_extended_queues (queue_id TEXT NOT NULL, queue_name TEXT NULL);

-- ==== agent_extended.count_stage
SELECT (SELECT COUNT(*) FROM temp.batch_keys_agent_extended)
     + COALESCE((SELECT (SELECT MAX(rowid) FROM fact_agent_queue_interval) - w.last_rowid
                 FROM temp.batch_keys_agent_extended_first_load AS w), 0);

-- ==== agent_extended.rename_inferred_agents
UPDATE dim_agent
SET agent_name = n.agent_name
FROM (
    SELECT s.agent_id, MAX(s.agent_name) AS agent_name
    FROM temp.stage_agent_extended_agents AS s
    WHERE s.agent_name IS NOT NULL
    GROUP BY s.agent_id
) AS n
WHERE dim_agent.source_key = @source_key
  AND dim_agent.agent_id = n.agent_id
  AND dim_agent.is_inferred = 1
  AND dim_agent.agent_name IS NOT n.agent_name;

-- ==== agent_extended.rename_inferred_queues
UPDATE dim_queue
SET queue_name = n.queue_name
FROM (
    SELECT s.queue_id, MAX(s.queue_name) AS queue_name
    FROM temp.stage_agent_extended_queues AS s
    WHERE s.queue_name IS NOT NULL
    GROUP BY s.queue_id
) AS n
WHERE dim_queue.source_key = @source_key
  AND dim_queue.queue_id = n.queue_id
  AND dim_queue.is_inferred = 1
  AND dim_queue.queue_name IS NOT n.queue_name;

-- ==== agent_extended.delete_stale_facts
DELETE FROM fact_agent_queue_interval
WHERE source_key = @source_key
  AND interval_key >= @from_key
  AND interval_key < (SELECT CASE
                                 WHEN EXISTS (SELECT 1 FROM temp.batch_keys_agent_extended_first_load) THEN @from_key
                                 WHEN (SELECT COUNT(*) FROM fact_agent_queue_interval AS f
                                       WHERE f.source_key = @source_key AND f.interval_key >= @from_key AND f.interval_key < @to_key)
                                      > (SELECT COUNT(*) FROM temp.batch_keys_agent_extended) THEN @to_key
                                 ELSE @from_key
                             END)
  AND NOT EXISTS (
      SELECT 1
      FROM temp.batch_keys_agent_extended AS k
      WHERE k.interval_key = fact_agent_queue_interval.interval_key
        AND k.agent_key = fact_agent_queue_interval.agent_key
        AND k.queue_key = fact_agent_queue_interval.queue_key);

-- ==== agent_extended.clear_stage
DROP TABLE temp.batch_keys_agent_extended;
DROP TABLE temp.batch_keys_agent_extended_first_load;
DROP TABLE temp.stage_agent_extended_agents;
DROP TABLE temp.stage_agent_extended_queues;

-- ==== queue_stats.create_stage
DROP TABLE IF EXISTS temp.batch_keys_queue_stats;
CREATE TEMP TABLE batch_keys_queue_stats (interval_key INTEGER NOT NULL, queue_key INTEGER NOT NULL, batch_row INTEGER NOT NULL, PRIMARY KEY (interval_key, queue_key)) WITHOUT ROWID;
DROP TABLE IF EXISTS temp.batch_keys_queue_stats_first_load;
CREATE TEMP TABLE batch_keys_queue_stats_first_load (source_key INTEGER NOT NULL, from_key INTEGER NOT NULL, to_key INTEGER NOT NULL, last_rowid INTEGER NOT NULL);
DROP TABLE IF EXISTS temp.stage_queue_stats_queues;
CREATE TEMP TABLE stage_queue_stats_queues (queue_id TEXT NOT NULL, queue_name TEXT NULL);

-- ==== queue_stats.count_stage
SELECT (SELECT COUNT(*) FROM temp.batch_keys_queue_stats)
     + COALESCE((SELECT (SELECT MAX(rowid) FROM fact_queue_interval) - w.last_rowid
                 FROM temp.batch_keys_queue_stats_first_load AS w), 0);

-- ==== queue_stats.rename_inferred_queues
UPDATE dim_queue
SET queue_name = n.queue_name
FROM (
    SELECT s.queue_id, MAX(s.queue_name) AS queue_name
    FROM temp.stage_queue_stats_queues AS s
    WHERE s.queue_name IS NOT NULL
    GROUP BY s.queue_id
) AS n
WHERE dim_queue.source_key = @source_key
  AND dim_queue.queue_id = n.queue_id
  AND dim_queue.is_inferred = 1
  AND dim_queue.queue_name IS NOT n.queue_name;

-- ==== queue_stats.delete_stale_facts
DELETE FROM fact_queue_interval
WHERE source_key = @source_key
  AND interval_key >= @from_key
  AND interval_key < (SELECT CASE
                                 WHEN EXISTS (SELECT 1 FROM temp.batch_keys_queue_stats_first_load) THEN @from_key
                                 WHEN (SELECT COUNT(*) FROM fact_queue_interval AS f
                                       WHERE f.source_key = @source_key AND f.interval_key >= @from_key AND f.interval_key < @to_key)
                                      > (SELECT COUNT(*) FROM temp.batch_keys_queue_stats) THEN @to_key
                                 ELSE @from_key
                             END)
  AND NOT EXISTS (
      SELECT 1
      FROM temp.batch_keys_queue_stats AS k
      WHERE k.interval_key = fact_queue_interval.interval_key
        AND k.queue_key = fact_queue_interval.queue_key);

-- ==== queue_stats.clear_stage
DROP TABLE temp.batch_keys_queue_stats;
DROP TABLE temp.batch_keys_queue_stats_first_load;
DROP TABLE temp.stage_queue_stats_queues;

-- ==== segments.create_stage
DROP TABLE IF EXISTS temp.stage_segment;
CREATE TEMP TABLE stage_segment AS SELECT * FROM main.stage_segment WHERE 0;
DROP TABLE IF EXISTS temp.stage_segment_agents_versions;
CREATE TEMP TABLE stage_segment_agents_versions (agent_id TEXT NOT NULL, valid_from_utc TEXT NOT NULL, valid_to_utc TEXT NOT NULL, agent_key INTEGER NOT NULL, PRIMARY KEY (agent_id, valid_from_utc)) WITHOUT ROWID;
DROP TABLE IF EXISTS temp.stage_segment_agents;
CREATE TEMP TABLE stage_segment_agents (agent_id TEXT NOT NULL, rc_user_id TEXT NULL);
DROP TABLE IF EXISTS temp.segment_scope;
CREATE TEMP TABLE segment_scope (interaction_id TEXT NOT NULL, segment_id TEXT NOT NULL, PRIMARY KEY (interaction_id, segment_id)) WITHOUT ROWID;

-- ==== segments.index_stage
CREATE UNIQUE INDEX temp.ux_stage_segment_grain ON stage_segment (load_batch_id, interaction_id, segment_id);

-- ==== segments.duplicate_check
SELECT interaction_id, segment_id, COUNT(*) AS copies
FROM temp.stage_segment
WHERE load_batch_id = @load_batch_id
GROUP BY interaction_id, segment_id
HAVING COUNT(*) > 1
ORDER BY interaction_id, segment_id
LIMIT 5;

-- ==== segments.count_stage
SELECT COUNT(*) FROM temp.stage_segment;

-- ==== segments.infer_agents
INSERT INTO dim_agent (source_key, agent_id, rc_user_id, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
SELECT @source_key, s.agent_id, MAX(s.rc_user_id), 1, 1, '1900-01-01 00:00:00.000', '9999-12-31 00:00:00.000', 1
FROM temp.stage_segment_agents AS s
WHERE NOT EXISTS (SELECT 1 FROM dim_agent AS d WHERE d.source_key = @source_key AND d.agent_id = s.agent_id)
GROUP BY s.agent_id
ORDER BY s.agent_id;

-- ==== segments.copy_agent_versions
INSERT INTO temp.stage_segment_agents_versions (agent_id, valid_from_utc, valid_to_utc, agent_key)
SELECT d.agent_id, d.valid_from_utc, d.valid_to_utc, d.agent_key
FROM dim_agent AS d
WHERE d.source_key = @source_key
  AND d.agent_id IN (SELECT m.agent_id FROM temp.stage_segment_agents AS m);

-- ==== segments.resolve_keys
UPDATE temp.stage_segment
SET agent_key = (SELECT d.agent_key FROM temp.stage_segment_agents_versions AS d WHERE d.agent_id = temp.stage_segment.agent_id AND d.valid_from_utc <= temp.stage_segment.segment_start_utc AND temp.stage_segment.segment_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC LIMIT 1)
WHERE load_batch_id = @load_batch_id;

-- ==== segments.resolve_by_rc_user_id
UPDATE temp.stage_segment
SET agent_key = (SELECT d.agent_key FROM dim_agent AS d WHERE d.source_key = @source_key AND d.rc_user_id = temp.stage_segment.rc_user_id AND d.valid_from_utc <= temp.stage_segment.segment_start_utc AND temp.stage_segment.segment_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC, d.agent_key DESC LIMIT 1),
    agent_id = (SELECT d.agent_id FROM dim_agent AS d WHERE d.source_key = @source_key AND d.rc_user_id = temp.stage_segment.rc_user_id AND d.valid_from_utc <= temp.stage_segment.segment_start_utc AND temp.stage_segment.segment_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC, d.agent_key DESC LIMIT 1)
WHERE load_batch_id = @load_batch_id
  AND agent_id IS NULL
  AND rc_user_id IS NOT NULL;

-- ==== segments.mark_unchanged
UPDATE temp.stage_segment
SET is_unchanged = 1
WHERE load_batch_id = @load_batch_id
  AND EXISTS (
      SELECT 1
      FROM fact_segment AS f
      WHERE f.source_key = @source_key
        AND f.interaction_id = temp.stage_segment.interaction_id
        AND f.segment_id = temp.stage_segment.segment_id
        AND temp.stage_segment.dialog_id IS f.dialog_id
        AND temp.stage_segment.interval_key IS f.interval_key
        AND temp.stage_segment.agent_key IS f.agent_key
        AND temp.stage_segment.agent_id IS f.agent_id
        AND temp.stage_segment.rc_user_id IS f.rc_user_id
        AND temp.stage_segment.agent_group_id IS f.agent_group_id
        AND temp.stage_segment.segment_type IS f.segment_type
        AND temp.stage_segment.channel_type IS f.channel_type
        AND temp.stage_segment.channel_class IS f.channel_class
        AND temp.stage_segment.direction IS f.direction
        AND temp.stage_segment.interaction_start_utc IS f.interaction_start_utc
        AND temp.stage_segment.interaction_duration_ms IS f.interaction_duration_ms
        AND temp.stage_segment.segment_start_utc IS f.segment_start_utc
        AND temp.stage_segment.segment_end_utc IS f.segment_end_utc
        AND temp.stage_segment.segment_duration_ms IS f.segment_duration_ms
        AND temp.stage_segment.calling_address IS f.calling_address
        AND temp.stage_segment.called_address IS f.called_address
        AND temp.stage_segment.recording_url IS f.recording_url
        AND temp.stage_segment.has_recording IS f.has_recording
        AND temp.stage_segment.has_transcript IS f.has_transcript
        AND temp.stage_segment.system_disposition IS f.system_disposition
        AND temp.stage_segment.agent_disposition IS f.agent_disposition
        AND temp.stage_segment.agent_notes IS f.agent_notes);

-- ==== segments.scope
INSERT INTO temp.segment_scope (interaction_id, segment_id)
SELECT f.interaction_id, f.segment_id
FROM fact_segment AS f
WHERE f.source_key = @source_key
  AND f.interval_key >= @from_key
  AND f.interval_key < @to_key
UNION
SELECT f.interaction_id, f.segment_id
FROM temp.stage_segment AS s
JOIN fact_segment AS f
  ON f.source_key = @source_key AND f.interaction_id = s.interaction_id AND f.segment_id = s.segment_id
WHERE s.load_batch_id = @load_batch_id;

-- ==== segments.delete_replaced_events
DELETE FROM fact_segment_event
WHERE source_key = @source_key
  AND (interaction_id, segment_id) IN (SELECT k.interaction_id, k.segment_id FROM temp.segment_scope AS k)
  AND NOT EXISTS (
      SELECT 1
      FROM temp.stage_segment AS s, json_each(s.events_json) AS j
      WHERE s.load_batch_id = @load_batch_id
        AND s.is_unchanged = 1
        AND s.interaction_id = fact_segment_event.interaction_id
        AND s.segment_id = fact_segment_event.segment_id
        AND json_extract(j.value, '$.seq') = fact_segment_event.event_seq
        AND json_extract(j.value, '$.type') IS fact_segment_event.event_type
        AND json_extract(j.value, '$.time') IS fact_segment_event.event_time_utc
        AND json_extract(j.value, '$.client_time') IS fact_segment_event.client_event_time_utc);

-- ==== segments.delete_replaced_attributes
DELETE FROM fact_segment_attribute
WHERE source_key = @source_key
  AND (interaction_id, segment_id) IN (SELECT k.interaction_id, k.segment_id FROM temp.segment_scope AS k)
  AND NOT EXISTS (
      SELECT 1
      FROM temp.stage_segment AS s, json_each(s.attributes_json) AS j
      WHERE s.load_batch_id = @load_batch_id
        AND s.is_unchanged = 1
        AND s.interaction_id = fact_segment_attribute.interaction_id
        AND s.segment_id = fact_segment_attribute.segment_id
        AND j.key = fact_segment_attribute.name
        AND j.value = fact_segment_attribute.value);

-- ==== segments.delete_replaced_segments
DELETE FROM fact_segment
WHERE source_key = @source_key
  AND (interaction_id, segment_id) IN (SELECT k.interaction_id, k.segment_id FROM temp.segment_scope AS k)
  AND NOT EXISTS (
      SELECT 1
      FROM temp.stage_segment AS s
      WHERE s.load_batch_id = @load_batch_id
        AND s.is_unchanged = 1
        AND s.interaction_id = fact_segment.interaction_id
        AND s.segment_id = fact_segment.segment_id);

-- ==== segments.insert_new_segments
INSERT INTO fact_segment (source_key, interaction_id, segment_id, dialog_id, interval_key, agent_key, agent_id, rc_user_id, agent_group_id, segment_type, channel_type, channel_class, direction, interaction_start_utc, interaction_duration_ms, segment_start_utc, segment_end_utc, segment_duration_ms, calling_address, called_address, recording_url, has_recording, has_transcript, system_disposition, agent_disposition, agent_notes, load_batch_id)
SELECT @source_key, s.interaction_id, s.segment_id, s.dialog_id, s.interval_key, s.agent_key, s.agent_id, s.rc_user_id, s.agent_group_id, s.segment_type, s.channel_type, s.channel_class, s.direction, s.interaction_start_utc, s.interaction_duration_ms, s.segment_start_utc, s.segment_end_utc, s.segment_duration_ms, s.calling_address, s.called_address, s.recording_url, s.has_recording, s.has_transcript, s.system_disposition, s.agent_disposition, s.agent_notes, @load_batch_id
FROM temp.stage_segment AS s
WHERE s.load_batch_id = @load_batch_id
  AND s.is_unchanged IS NULL
ORDER BY s.interaction_id, s.segment_id;

-- ==== segments.insert_new_events
INSERT INTO fact_segment_event (source_key, interaction_id, segment_id, event_seq, event_type, event_time_utc, client_event_time_utc, load_batch_id)
SELECT @source_key, s.interaction_id, s.segment_id, json_extract(j.value, '$.seq'), json_extract(j.value, '$.type'),
       json_extract(j.value, '$.time'), json_extract(j.value, '$.client_time'), @load_batch_id
FROM temp.stage_segment AS s, json_each(s.events_json) AS j
WHERE s.load_batch_id = @load_batch_id
  AND NOT EXISTS (
      SELECT 1
      FROM fact_segment_event AS e
      WHERE e.source_key = @source_key
        AND e.interaction_id = s.interaction_id
        AND e.segment_id = s.segment_id
        AND e.event_seq = json_extract(j.value, '$.seq'))
ORDER BY s.interaction_id, s.segment_id, json_extract(j.value, '$.seq');

-- ==== segments.insert_new_attributes
INSERT INTO fact_segment_attribute (source_key, interaction_id, segment_id, name, value, load_batch_id)
SELECT @source_key, s.interaction_id, s.segment_id, j.key, j.value, @load_batch_id
FROM temp.stage_segment AS s, json_each(s.attributes_json) AS j
WHERE s.load_batch_id = @load_batch_id
  AND NOT EXISTS (
      SELECT 1
      FROM fact_segment_attribute AS a
      WHERE a.source_key = @source_key
        AND a.interaction_id = s.interaction_id
        AND a.segment_id = s.segment_id
        AND a.name = j.key)
ORDER BY s.interaction_id, s.segment_id, j.key;

-- ==== segments.clear_stage
DROP TABLE temp.stage_segment;
DROP TABLE temp.stage_segment_agents;
DROP TABLE temp.stage_segment_agents_versions;
DROP TABLE temp.segment_scope;

-- ==== agent_stats.create_stage
DROP TABLE IF EXISTS temp.stage_agent_stats;
CREATE TEMP TABLE stage_agent_stats AS SELECT * FROM main.stage_agent_stats WHERE 0;
DROP TABLE IF EXISTS temp.stage_agent_stats_agents_versions;
CREATE TEMP TABLE stage_agent_stats_agents_versions (agent_id TEXT NOT NULL, valid_from_utc TEXT NOT NULL, valid_to_utc TEXT NOT NULL, agent_key INTEGER NOT NULL, PRIMARY KEY (agent_id, valid_from_utc)) WITHOUT ROWID;
DROP TABLE IF EXISTS temp.stage_agent_stats_agents;
CREATE TEMP TABLE stage_agent_stats_agents (agent_id TEXT NOT NULL, agent_name TEXT NULL);

-- ==== agent_stats.index_stage
CREATE UNIQUE INDEX temp.ux_stage_agent_stats_grain ON stage_agent_stats (load_batch_id, interval_key, agent_id);

-- ==== agent_stats.duplicate_check
SELECT agent_id, interval_key, COUNT(*) AS copies
FROM temp.stage_agent_stats
WHERE load_batch_id = @load_batch_id
GROUP BY agent_id, interval_key
HAVING COUNT(*) > 1
ORDER BY agent_id, interval_key
LIMIT 5;

-- ==== agent_stats.count_stage
SELECT COUNT(*) FROM temp.stage_agent_stats;

-- ==== agent_stats.infer_agents
INSERT INTO dim_agent (source_key, agent_id, agent_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
SELECT @source_key, s.agent_id, MAX(s.agent_name), 1, 1, '1900-01-01 00:00:00.000', '9999-12-31 00:00:00.000', 1
FROM temp.stage_agent_stats_agents AS s
WHERE NOT EXISTS (SELECT 1 FROM dim_agent AS d WHERE d.source_key = @source_key AND d.agent_id = s.agent_id)
GROUP BY s.agent_id
ORDER BY s.agent_id;

-- ==== agent_stats.rename_inferred_agents
UPDATE dim_agent
SET agent_name = n.agent_name
FROM (
    SELECT s.agent_id, MAX(s.agent_name) AS agent_name
    FROM temp.stage_agent_stats_agents AS s
    WHERE s.agent_name IS NOT NULL
    GROUP BY s.agent_id
) AS n
WHERE dim_agent.source_key = @source_key
  AND dim_agent.agent_id = n.agent_id
  AND dim_agent.is_inferred = 1
  AND dim_agent.agent_name IS NOT n.agent_name;

-- ==== agent_stats.copy_agent_versions
INSERT INTO temp.stage_agent_stats_agents_versions (agent_id, valid_from_utc, valid_to_utc, agent_key)
SELECT d.agent_id, d.valid_from_utc, d.valid_to_utc, d.agent_key
FROM dim_agent AS d
WHERE d.source_key = @source_key
  AND d.agent_id IN (SELECT m.agent_id FROM temp.stage_agent_stats_agents AS m);

-- ==== agent_stats.resolve_keys
UPDATE temp.stage_agent_stats
SET agent_key = (SELECT d.agent_key FROM temp.stage_agent_stats_agents_versions AS d WHERE d.agent_id = temp.stage_agent_stats.agent_id AND d.valid_from_utc <= temp.stage_agent_stats.interval_start_utc AND temp.stage_agent_stats.interval_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC LIMIT 1)
WHERE load_batch_id = @load_batch_id;

-- ==== agent_stats.index_stage_keys
CREATE INDEX temp.ix_stage_agent_stats_key ON stage_agent_stats (interval_key, agent_key);

-- ==== agent_stats.delete_replaced_measures
DELETE FROM fact_agent_interval_measure
WHERE source_key = @source_key
  AND interval_key >= @from_key AND interval_key < @to_key
  AND NOT EXISTS (
      SELECT 1
      FROM temp.stage_agent_stats AS s, json_each(s.other_measures_json) AS j
      WHERE s.interval_key = fact_agent_interval_measure.interval_key
        AND s.agent_key = fact_agent_interval_measure.agent_key
        AND json_extract(j.value, '$.name') = fact_agent_interval_measure.measure_name
        AND json_extract(j.value, '$.value') = fact_agent_interval_measure.measure_value);

-- ==== agent_stats.delete_replaced_facts
DELETE FROM fact_agent_interval
WHERE source_key = @source_key
  AND interval_key >= @from_key AND interval_key < @to_key
  AND NOT EXISTS (
      SELECT 1
      FROM temp.stage_agent_stats AS s
      WHERE s.interval_key = fact_agent_interval.interval_key
        AND s.agent_key = fact_agent_interval.agent_key
        AND s.interval_minutes IS fact_agent_interval.interval_minutes
        AND s.logged_in_dur_sec IS fact_agent_interval.logged_in_dur_sec
        AND s.available_dur_sec IS fact_agent_interval.available_dur_sec
        AND s.talking_call_dur_sec IS fact_agent_interval.talking_call_dur_sec
        AND s.wrap_up_dur_sec IS fact_agent_interval.wrap_up_dur_sec
        AND s.away_dur_sec IS fact_agent_interval.away_dur_sec
        AND s.presented_call_cnt IS fact_agent_interval.presented_call_cnt
        AND s.answ_call_cnt IS fact_agent_interval.answ_call_cnt
        AND s.transfer_out_call_cnt IS fact_agent_interval.transfer_out_call_cnt);

-- ==== agent_stats.insert_new_facts
INSERT INTO fact_agent_interval (source_key, interval_key, agent_key, interval_minutes, logged_in_dur_sec, available_dur_sec, talking_call_dur_sec, wrap_up_dur_sec, away_dur_sec, presented_call_cnt, answ_call_cnt, transfer_out_call_cnt, load_batch_id)
SELECT @source_key, s.interval_key, s.agent_key, s.interval_minutes, s.logged_in_dur_sec, s.available_dur_sec, s.talking_call_dur_sec, s.wrap_up_dur_sec, s.away_dur_sec, s.presented_call_cnt, s.answ_call_cnt, s.transfer_out_call_cnt, @load_batch_id
FROM temp.stage_agent_stats AS s
WHERE s.load_batch_id = @load_batch_id
  AND NOT EXISTS (
      SELECT 1
      FROM fact_agent_interval AS f
      WHERE f.source_key = @source_key
        AND f.interval_key = s.interval_key
        AND f.agent_key = s.agent_key)
ORDER BY s.interval_key, s.agent_key;

-- ==== agent_stats.insert_new_measures
INSERT INTO fact_agent_interval_measure (source_key, interval_key, agent_key, measure_name, measure_value, load_batch_id)
SELECT @source_key, s.interval_key, s.agent_key, json_extract(j.value, '$.name'), json_extract(j.value, '$.value'), @load_batch_id
FROM temp.stage_agent_stats AS s, json_each(s.other_measures_json) AS j
WHERE s.load_batch_id = @load_batch_id
  AND NOT EXISTS (
      SELECT 1
      FROM fact_agent_interval_measure AS m
      WHERE m.source_key = @source_key
        AND m.interval_key = s.interval_key
        AND m.agent_key = s.agent_key
        AND m.measure_name = json_extract(j.value, '$.name'))
ORDER BY s.interval_key, s.agent_key, json_extract(j.value, '$.name');

-- ==== agent_stats.clear_stage
DROP TABLE temp.stage_agent_stats;
DROP TABLE temp.stage_agent_stats_agents;
DROP TABLE temp.stage_agent_stats_agents_versions;

-- ==== reference_last_as_of
SELECT MAX(b.window_end_utc)
FROM load_batch AS b
WHERE b.source_key = @source_key
  AND b.report = 'reference'
  AND b.status = 'succeeded';

-- ==== reference_select_agents
SELECT agent_key, agent_id, rc_user_id, first_name, last_name, agent_name, user_name, email, agent_type, agent_group_id, agent_group_name, is_active, is_inferred, valid_from_utc
FROM dim_agent
WHERE source_key = @source_key
  AND is_current = 1
ORDER BY agent_id;

-- ==== reference_select_agent_supervisors
SELECT agent_id, supervisor_agent_id, valid_from_utc
FROM bridge_agent_supervisor
WHERE source_key = @source_key
  AND valid_to_utc = @open_until
ORDER BY agent_id, supervisor_agent_id;

-- ==== reference_insert_agent
INSERT INTO dim_agent (source_key, agent_id, rc_user_id, first_name, last_name, agent_name, user_name, email, agent_type, agent_group_id, agent_group_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
VALUES (@source_key, @agent_id, @rc_user_id, @first_name, @last_name, @agent_name, @user_name, @email, @agent_type,
        @agent_group_id, @agent_group_name, @is_active, 0, @valid_from_utc, @open_until, 1)
RETURNING agent_key;

-- ==== reference_close_agent
UPDATE dim_agent
SET valid_to_utc = @as_of_utc,
    is_current = 0
WHERE agent_key = @agent_key;

-- ==== reference_complete_agent
UPDATE dim_agent
SET rc_user_id = @rc_user_id,
    first_name = @first_name,
    last_name = @last_name,
    agent_name = @agent_name,
    user_name = @user_name,
    email = @email,
    agent_type = @agent_type,
    agent_group_id = @agent_group_id,
    agent_group_name = @agent_group_name,
    is_active = @is_active,
    is_inferred = 0
WHERE agent_key = @agent_key;

-- ==== reference_update_agent_identity
UPDATE dim_agent
SET rc_user_id = @rc_user_id,
    user_name = @user_name,
    email = @email
WHERE source_key = @source_key
  AND agent_id = @agent_id;

-- ==== reference_close_agent_supervisor
UPDATE bridge_agent_supervisor
SET valid_to_utc = @as_of_utc
WHERE source_key = @source_key
  AND agent_id = @agent_id
  AND supervisor_agent_id = @supervisor_agent_id
  AND valid_to_utc = @open_until;

-- ==== reference_insert_agent_supervisor
INSERT INTO bridge_agent_supervisor (source_key, agent_id, supervisor_agent_id, valid_from_utc, valid_to_utc)
VALUES (@source_key, @agent_id, @supervisor_agent_id, @valid_from_utc, @open_until);

-- ==== reference_repoint_agent_facts
UPDATE fact_agent_queue_interval
SET agent_key = @new_key
WHERE source_key = @source_key
  AND agent_key = @old_key
  AND interval_key >= @from_key;

UPDATE fact_agent_interval
SET agent_key = @new_key
WHERE source_key = @source_key
  AND agent_key = @old_key
  AND interval_key >= @from_key;

UPDATE fact_agent_interval_measure
SET agent_key = @new_key
WHERE source_key = @source_key
  AND agent_key = @old_key
  AND interval_key >= @from_key;

UPDATE fact_segment
SET agent_key = @new_key
WHERE source_key = @source_key
  AND agent_key = @old_key
  AND segment_start_utc >= @as_of_utc;

-- ==== reference_select_queues
SELECT queue_key, queue_id, queue_name, queue_group_id, queue_group_name, queue_type, is_active, is_inferred, valid_from_utc
FROM dim_queue
WHERE source_key = @source_key
  AND is_current = 1
ORDER BY queue_id;

-- ==== reference_select_queue_agents
SELECT queue_id, agent_id, valid_from_utc
FROM bridge_queue_agent
WHERE source_key = @source_key
  AND valid_to_utc = @open_until
ORDER BY queue_id, agent_id;

-- ==== reference_insert_queue
INSERT INTO dim_queue (source_key, queue_id, queue_name, queue_group_id, queue_group_name, queue_type, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
VALUES (@source_key, @queue_id, @queue_name, @queue_group_id, @queue_group_name, @queue_type, @is_active, 0,
        @valid_from_utc, @open_until, 1)
RETURNING queue_key;

-- ==== reference_close_queue
UPDATE dim_queue
SET valid_to_utc = @as_of_utc,
    is_current = 0
WHERE queue_key = @queue_key;

-- ==== reference_complete_queue
UPDATE dim_queue
SET queue_name = @queue_name,
    queue_group_id = @queue_group_id,
    queue_group_name = @queue_group_name,
    queue_type = @queue_type,
    is_active = @is_active,
    is_inferred = 0
WHERE queue_key = @queue_key;

-- ==== reference_close_queue_agent
UPDATE bridge_queue_agent
SET valid_to_utc = @as_of_utc
WHERE source_key = @source_key
  AND queue_id = @queue_id
  AND agent_id = @agent_id
  AND valid_to_utc = @open_until;

-- ==== reference_insert_queue_agent
INSERT INTO bridge_queue_agent (source_key, queue_id, agent_id, valid_from_utc, valid_to_utc)
VALUES (@source_key, @queue_id, @agent_id, @valid_from_utc, @open_until);

-- ==== reference_repoint_queue_facts
UPDATE fact_agent_queue_interval
SET queue_key = @new_key
WHERE source_key = @source_key
  AND queue_key = @old_key
  AND interval_key >= @from_key;

UPDATE fact_queue_interval
SET queue_key = @new_key
WHERE source_key = @source_key
  AND queue_key = @old_key
  AND interval_key >= @from_key;

-- ==== reference_resolve_segment_agents
UPDATE fact_segment
SET agent_key = (SELECT d.agent_key FROM dim_agent AS d WHERE d.source_key = @source_key AND d.rc_user_id = fact_segment.rc_user_id AND d.valid_from_utc <= fact_segment.segment_start_utc AND fact_segment.segment_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC, d.agent_key DESC LIMIT 1),
    agent_id = (SELECT d.agent_id FROM dim_agent AS d WHERE d.source_key = @source_key AND d.rc_user_id = fact_segment.rc_user_id AND d.valid_from_utc <= fact_segment.segment_start_utc AND fact_segment.segment_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC, d.agent_key DESC LIMIT 1)
WHERE source_key = @source_key
  AND agent_key IS NULL
  AND rc_user_id IS NOT NULL
  AND (SELECT d.agent_key FROM dim_agent AS d WHERE d.source_key = @source_key AND d.rc_user_id = fact_segment.rc_user_id AND d.valid_from_utc <= fact_segment.segment_start_utc AND fact_segment.segment_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC, d.agent_key DESC LIMIT 1) IS NOT NULL;

-- ==== claim_batch
INSERT INTO batch_owner (load_batch_id, owner, claimed_utc)
VALUES (@load_batch_id, @owner, @claimed_utc);

-- ==== select_running_batches
SELECT b.load_batch_id, o.owner, b.started_utc
FROM load_batch AS b
LEFT OUTER JOIN batch_owner AS o ON o.load_batch_id = b.load_batch_id
WHERE b.status = 'running'
ORDER BY b.load_batch_id;

-- ==== abandon_batch
UPDATE load_batch
SET status = 'failed',
    rows_loaded = 0,
    error = @error,
    finished_utc = @finished_utc
WHERE load_batch_id = @load_batch_id
  AND status = 'running'
RETURNING load_batch_id;

-- ==== select_watermarks
SELECT s.sub_account_id, s.source_name, w.report, w.loaded_through_utc, w.updated_utc
FROM watermark AS w
INNER JOIN dim_source AS s ON s.source_key = w.source_key
ORDER BY s.sub_account_id, w.report;

-- ==== select_batch_summaries
SELECT s.sub_account_id, s.source_name, b.report,
       SUM(CASE WHEN b.status = 'succeeded' THEN 1 ELSE 0 END) AS succeeded_batches,
       SUM(CASE WHEN b.status = 'failed' THEN 1 ELSE 0 END) AS failed_batches,
       SUM(CASE WHEN b.status = 'running' THEN 1 ELSE 0 END) AS running_batches,
       MAX(CASE WHEN b.status = 'succeeded' THEN b.finished_utc END) AS last_success_utc,
       MAX(b.started_utc) AS last_started_utc
FROM load_batch AS b
INNER JOIN dim_source AS s ON s.source_key = b.source_key
GROUP BY s.sub_account_id, s.source_name, b.report
ORDER BY s.sub_account_id, b.report;

-- ==== select_open_failures
SELECT b.load_batch_id, s.sub_account_id, b.report, b.window_start_utc, b.window_end_utc, b.landed_file, b.sha256, b.rows_read, b.rows_loaded, b.status, b.error, b.started_utc, b.finished_utc
FROM load_batch AS b
INNER JOIN dim_source AS s ON s.source_key = b.source_key
WHERE b.status = 'failed'
  AND NOT EXISTS (SELECT 1 FROM batch_dismissal AS d WHERE d.load_batch_id = b.load_batch_id)
  AND NOT EXISTS (
      SELECT 1
      FROM load_batch AS later
      WHERE later.source_key = b.source_key
        AND later.report = b.report
        AND later.status = 'succeeded'
        AND later.load_batch_id > b.load_batch_id
        AND ((b.window_start_utc IS NOT NULL AND later.window_start_utc <= b.window_start_utc AND later.window_end_utc >= b.window_end_utc)
             OR (b.window_start_utc IS NULL AND later.landed_file = b.landed_file)))
ORDER BY b.load_batch_id;

-- ==== select_loaded_windows
SELECT b.window_start_utc, b.window_end_utc
FROM load_batch AS b
INNER JOIN dim_source AS s ON s.source_key = b.source_key
WHERE s.sub_account_id = @sub_account_id
  AND b.report = @report
  AND b.status = 'succeeded'
  AND b.window_start_utc < @to_utc
  AND b.window_end_utc > @from_utc
ORDER BY b.window_start_utc;

-- ==== record_failed_window
INSERT INTO dim_source (sub_account_id, source_name)
VALUES (@sub_account_id, @source_name)
ON CONFLICT (sub_account_id) DO UPDATE
SET source_name = excluded.source_name
WHERE excluded.source_name IS NOT NULL AND excluded.source_name IS NOT dim_source.source_name;

INSERT INTO load_batch (source_key, report, window_start_utc, window_end_utc, landed_file, rows_loaded, status, error, started_utc, finished_utc)
VALUES ((SELECT source_key FROM dim_source WHERE sub_account_id = @sub_account_id),
        @report, @window_start_utc, @window_end_utc, @landed_file, 0, 'failed', @error, @started_utc, @finished_utc)
RETURNING load_batch_id;

-- ==== dismiss_failures
INSERT INTO batch_dismissal (load_batch_id, reason, dismissed_utc)
SELECT f.load_batch_id, @reason, @dismissed_utc
FROM load_batch AS chosen
INNER JOIN load_batch AS f
    ON f.source_key = chosen.source_key
   AND f.report = chosen.report
   AND f.status = 'failed'
   AND ((chosen.window_start_utc IS NOT NULL AND f.window_start_utc = chosen.window_start_utc AND f.window_end_utc = chosen.window_end_utc)
        OR (chosen.window_start_utc IS NULL AND f.window_start_utc IS NULL AND f.landed_file = chosen.landed_file))
WHERE chosen.load_batch_id = @load_batch_id
  AND chosen.status = 'failed'
  AND NOT EXISTS (SELECT 1 FROM batch_dismissal AS d WHERE d.load_batch_id = f.load_batch_id);

-- ==== select_dismissed_failures
SELECT b.load_batch_id, s.sub_account_id, b.report, b.window_start_utc, b.window_end_utc, b.landed_file, b.sha256, b.rows_read, b.rows_loaded, b.status, b.error, b.started_utc, b.finished_utc, d.reason, d.dismissed_utc
FROM load_batch AS b
INNER JOIN dim_source AS s ON s.source_key = b.source_key
INNER JOIN batch_dismissal AS d ON d.load_batch_id = b.load_batch_id
ORDER BY b.load_batch_id;

-- ==== rate_limit_session
PRAGMA busy_timeout = 5000;

-- ==== rate_limit_select_grants
SELECT granted_utc
FROM rate_limit_grant
WHERE budget_key = @budget_key
  AND granted_utc > @since_utc
ORDER BY granted_utc;

-- ==== rate_limit_select_block
SELECT blocked_until_utc
FROM rate_limit_block
WHERE budget_key = @budget_key
  AND blocked_until_utc > @now_utc;

-- ==== rate_limit_insert_grant
INSERT INTO rate_limit_grant (budget_key, granted_utc, holder)
VALUES (@budget_key, @granted_utc, @holder);

-- ==== rate_limit_prune_grants
DELETE FROM rate_limit_grant
WHERE budget_key = @budget_key
  AND granted_utc <= @before_utc;

-- ==== rate_limit_block
INSERT INTO rate_limit_block (budget_key, blocked_until_utc, reason, holder, recorded_utc)
VALUES (@budget_key, @blocked_until_utc, @reason, @holder, @recorded_utc)
ON CONFLICT (budget_key) DO UPDATE
SET blocked_until_utc = excluded.blocked_until_utc,
    reason = excluded.reason,
    holder = excluded.holder,
    recorded_utc = excluded.recorded_utc
WHERE excluded.blocked_until_utc > rate_limit_block.blocked_until_utc;

-- ==== verify_select_sources
SELECT source_key, sub_account_id, source_name
FROM dim_source
ORDER BY sub_account_id;

-- ==== verify_select_report_spans
SELECT b.report, MIN(b.window_start_utc) AS first_window_start_utc, MAX(w.loaded_through_utc) AS watermark_utc
FROM load_batch AS b
LEFT OUTER JOIN watermark AS w ON w.source_key = b.source_key AND w.report = b.report
WHERE b.source_key = @source_key
  AND b.status = 'succeeded'
  AND b.report <> 'reference'
  AND b.window_start_utc IS NOT NULL
GROUP BY b.report
ORDER BY b.report;

-- ==== verify_select_batch_windows
SELECT b.report, b.load_batch_id, b.window_start_utc, b.window_end_utc, b.started_utc
FROM load_batch AS b
WHERE b.source_key = @source_key
  AND b.status = 'succeeded'
  AND b.report <> 'reference'
  AND b.window_start_utc < @to_utc
  AND b.window_end_utc > @from_utc
ORDER BY b.report, b.load_batch_id;

-- ==== verify_compare_queue_intervals
SELECT d.interval_key, q.queue_id, q.queue_name,
       d.agent_answ_call_cnt, d.agent_talking_call_dur_sec, d.queue_answ_call_cnt, d.queue_talking_call_dur_sec
FROM (
    SELECT x.interval_key, x.queue_key,
           SUM(x.agent_answ_call_cnt) AS agent_answ_call_cnt,
           SUM(x.agent_talking_call_dur_sec) AS agent_talking_call_dur_sec,
           SUM(x.queue_answ_call_cnt) AS queue_answ_call_cnt,
           SUM(x.queue_talking_call_dur_sec) AS queue_talking_call_dur_sec
    FROM (
        SELECT f.interval_key, f.queue_key,
               f.answ_call_cnt AS agent_answ_call_cnt, f.talking_call_dur_sec AS agent_talking_call_dur_sec,
               0 AS queue_answ_call_cnt, 0 AS queue_talking_call_dur_sec
        FROM fact_agent_queue_interval AS f
        WHERE f.source_key = @source_key
          AND f.interval_key >= @from_key
          AND f.interval_key < @to_key
        UNION ALL
        SELECT f.interval_key, f.queue_key, 0, 0, f.answ_call_cnt, f.talking_call_dur_sec
        FROM fact_queue_interval AS f
        WHERE f.source_key = @source_key
          AND f.interval_key >= @from_key
          AND f.interval_key < @to_key
    ) AS x
    GROUP BY x.interval_key, x.queue_key
    HAVING SUM(x.agent_answ_call_cnt) <> SUM(x.queue_answ_call_cnt)
        OR SUM(x.agent_talking_call_dur_sec) <> SUM(x.queue_talking_call_dur_sec)
) AS d
INNER JOIN dim_queue AS q ON q.queue_key = d.queue_key
ORDER BY d.interval_key, q.queue_id;

-- ==== verify_compare_segment_intervals
SELECT x.interval_key, SUM(x.answ_call_cnt) AS answ_call_cnt, SUM(x.segment_cnt) AS segment_cnt
FROM (
    SELECT f.interval_key, f.answ_call_cnt, 0 AS segment_cnt
    FROM fact_queue_interval AS f
    WHERE f.source_key = @source_key
      AND f.interval_key >= @from_key
      AND f.interval_key < @to_key
    UNION ALL
    SELECT CAST(substr(s.call_start_utc, 1, 4) || substr(s.call_start_utc, 6, 2) || substr(s.call_start_utc, 9, 2)
                || substr(s.call_start_utc, 12, 2) AS INTEGER) * 100
           + CAST(substr(s.call_start_utc, 15, 2) AS INTEGER) / 15 * 15,
           0, 1
    FROM (
        SELECT COALESCE(g.interaction_start_utc, g.segment_start_utc) AS call_start_utc
        FROM fact_segment AS g
        WHERE g.source_key = @source_key
          AND g.interval_key >= @from_key
          AND g.interval_key < @segments_to_key
          AND (g.agent_key IS NOT NULL OR g.agent_id IS NOT NULL OR g.rc_user_id IS NOT NULL)
          AND (g.direction IS NULL OR g.direction = 'INBOUND')
    ) AS s
) AS x
WHERE x.interval_key >= @from_key
  AND x.interval_key < @to_key
GROUP BY x.interval_key
HAVING SUM(x.answ_call_cnt) <> SUM(x.segment_cnt)
ORDER BY x.interval_key;

-- ==== verify_compare_agent_stats_intervals
SELECT d.interval_key, d.agent_id, d.agent_name, d.stats_row_cnt,
       d.stats_talking_call_dur_sec, d.stats_wrap_up_dur_sec, d.stats_answ_call_cnt,
       d.ext_talking_call_dur_sec, d.ext_wrap_up_dur_sec, d.ext_answ_call_cnt
FROM (
    SELECT x.interval_key, x.agent_id, MAX(x.agent_name) AS agent_name,
           SUM(x.stats_row_cnt) AS stats_row_cnt,
           SUM(x.stats_talking_call_dur_sec) AS stats_talking_call_dur_sec,
           SUM(x.stats_wrap_up_dur_sec) AS stats_wrap_up_dur_sec,
           SUM(x.stats_answ_call_cnt) AS stats_answ_call_cnt,
           SUM(x.ext_talking_call_dur_sec) AS ext_talking_call_dur_sec,
           SUM(x.ext_wrap_up_dur_sec) AS ext_wrap_up_dur_sec,
           SUM(x.ext_answ_call_cnt) AS ext_answ_call_cnt
    FROM (
        SELECT f.interval_key, a.agent_id, a.agent_name, 1 AS stats_row_cnt,
               f.talking_call_dur_sec AS stats_talking_call_dur_sec,
               f.wrap_up_dur_sec AS stats_wrap_up_dur_sec,
               f.answ_call_cnt AS stats_answ_call_cnt,
               0 AS ext_talking_call_dur_sec, 0 AS ext_wrap_up_dur_sec, 0 AS ext_answ_call_cnt
        FROM fact_agent_interval AS f
        INNER JOIN dim_agent AS a ON a.agent_key = f.agent_key
        WHERE f.source_key = @source_key
          AND f.interval_key >= @from_key
          AND f.interval_key < @to_key
        UNION ALL
        SELECT f.interval_key, a.agent_id, a.agent_name, 0, NULL, NULL, NULL,
               f.talking_call_dur_sec, f.wrap_up_dur_sec, f.answ_call_cnt
        FROM fact_agent_queue_interval AS f
        INNER JOIN dim_agent AS a ON a.agent_key = f.agent_key
        WHERE f.source_key = @source_key
          AND f.interval_key >= @from_key
          AND f.interval_key < @to_key
    ) AS x
    GROUP BY x.interval_key, x.agent_id
) AS d
WHERE (d.stats_row_cnt = 0 AND (d.ext_talking_call_dur_sec <> 0 OR d.ext_wrap_up_dur_sec <> 0 OR d.ext_answ_call_cnt <> 0))
   OR d.stats_talking_call_dur_sec <> d.ext_talking_call_dur_sec
   OR d.stats_wrap_up_dur_sec <> d.ext_wrap_up_dur_sec
   OR d.stats_answ_call_cnt <> d.ext_answ_call_cnt
ORDER BY d.interval_key, d.agent_id;

-- ==== verify_select_inferred_facts
SELECT x.report, x.member, x.member_id, COUNT(*) AS fact_cnt, MIN(x.interval_key) AS first_interval_key
FROM (
    SELECT 'agent-extended' AS report, 'agent' AS member, a.agent_id AS member_id, f.interval_key
    FROM fact_agent_queue_interval AS f
    INNER JOIN dim_agent AS a ON a.agent_key = f.agent_key
    WHERE f.source_key = @source_key AND f.interval_key >= @from_key AND f.interval_key < @to_key AND a.is_inferred = 1
    UNION ALL
    SELECT 'agent-extended', 'queue', q.queue_id, f.interval_key
    FROM fact_agent_queue_interval AS f
    INNER JOIN dim_queue AS q ON q.queue_key = f.queue_key
    WHERE f.source_key = @source_key AND f.interval_key >= @from_key AND f.interval_key < @to_key AND q.is_inferred = 1
    UNION ALL
    SELECT 'queue-stats', 'queue', q.queue_id, f.interval_key
    FROM fact_queue_interval AS f
    INNER JOIN dim_queue AS q ON q.queue_key = f.queue_key
    WHERE f.source_key = @source_key AND f.interval_key >= @from_key AND f.interval_key < @to_key AND q.is_inferred = 1
    UNION ALL
    SELECT 'agent-stats', 'agent', a.agent_id, f.interval_key
    FROM fact_agent_interval AS f
    INNER JOIN dim_agent AS a ON a.agent_key = f.agent_key
    WHERE f.source_key = @source_key AND f.interval_key >= @from_key AND f.interval_key < @to_key AND a.is_inferred = 1
    UNION ALL
    SELECT 'segments', 'agent', a.agent_id, g.interval_key
    FROM fact_segment AS g
    INNER JOIN dim_agent AS a ON a.agent_key = g.agent_key
    WHERE g.source_key = @source_key AND g.interval_key >= @from_key AND g.interval_key < @to_key AND a.is_inferred = 1
) AS x
GROUP BY x.report, x.member, x.member_id
ORDER BY x.report, x.member, x.member_id;

-- ==== recording_select_pending
SELECT s.source_key, d.sub_account_id, d.source_name, s.interaction_id, s.segment_id, s.dialog_id, s.recording_url,
       s.segment_start_utc, s.segment_end_utc,
       CASE WHEN s.has_recording = 1 AND r.segment_id IS NULL AND COALESCE(fa.attempts, 0) < @max_attempts THEN 1 ELSE 0 END AS needs_audio,
       CASE WHEN s.has_transcript = 1 AND t.segment_id IS NULL AND COALESCE(ft.attempts, 0) < @max_attempts THEN 1 ELSE 0 END AS needs_transcript
FROM fact_segment AS s
INNER JOIN dim_source AS d ON d.source_key = s.source_key
LEFT OUTER JOIN fact_recording AS r
    ON r.source_key = s.source_key AND r.interaction_id = s.interaction_id AND r.segment_id = s.segment_id
LEFT OUTER JOIN fact_transcript AS t
    ON t.source_key = s.source_key AND t.interaction_id = s.interaction_id AND t.segment_id = s.segment_id
LEFT OUTER JOIN recording_failure AS fa
    ON fa.source_key = s.source_key AND fa.interaction_id = s.interaction_id AND fa.segment_id = s.segment_id AND fa.artifact = 'audio'
LEFT OUTER JOIN recording_failure AS ft
    ON ft.source_key = s.source_key AND ft.interaction_id = s.interaction_id AND ft.segment_id = s.segment_id AND ft.artifact = 'transcript'
WHERE s.segment_end_utc >= @ended_after_utc
  AND s.segment_end_utc <= @ended_before_utc
  AND ((s.has_recording = 1 AND r.segment_id IS NULL AND COALESCE(fa.attempts, 0) < @max_attempts)
    OR (s.has_transcript = 1 AND t.segment_id IS NULL AND COALESCE(ft.attempts, 0) < @max_attempts))
ORDER BY s.segment_end_utc, s.source_key, s.interaction_id, s.segment_id
LIMIT @limit;

-- ==== recording_select_pending_sub_account
SELECT s.source_key, d.sub_account_id, d.source_name, s.interaction_id, s.segment_id, s.dialog_id, s.recording_url,
       s.segment_start_utc, s.segment_end_utc,
       CASE WHEN s.has_recording = 1 AND r.segment_id IS NULL AND COALESCE(fa.attempts, 0) < @max_attempts THEN 1 ELSE 0 END AS needs_audio,
       CASE WHEN s.has_transcript = 1 AND t.segment_id IS NULL AND COALESCE(ft.attempts, 0) < @max_attempts THEN 1 ELSE 0 END AS needs_transcript
FROM fact_segment AS s INDEXED BY ix_fact_segment_end
INNER JOIN dim_source AS d ON d.source_key = s.source_key
LEFT OUTER JOIN fact_recording AS r
    ON r.source_key = s.source_key AND r.interaction_id = s.interaction_id AND r.segment_id = s.segment_id
LEFT OUTER JOIN fact_transcript AS t
    ON t.source_key = s.source_key AND t.interaction_id = s.interaction_id AND t.segment_id = s.segment_id
LEFT OUTER JOIN recording_failure AS fa
    ON fa.source_key = s.source_key AND fa.interaction_id = s.interaction_id AND fa.segment_id = s.segment_id AND fa.artifact = 'audio'
LEFT OUTER JOIN recording_failure AS ft
    ON ft.source_key = s.source_key AND ft.interaction_id = s.interaction_id AND ft.segment_id = s.segment_id AND ft.artifact = 'transcript'
WHERE d.sub_account_id = @sub_account_id
  AND s.segment_end_utc >= @ended_after_utc
  AND s.segment_end_utc <= @ended_before_utc
  AND ((s.has_recording = 1 AND r.segment_id IS NULL AND COALESCE(fa.attempts, 0) < @max_attempts)
    OR (s.has_transcript = 1 AND t.segment_id IS NULL AND COALESCE(ft.attempts, 0) < @max_attempts))
ORDER BY s.segment_end_utc, s.source_key, s.interaction_id, s.segment_id
LIMIT @limit;

-- ==== recording_insert
INSERT INTO fact_recording (
    source_key, interaction_id, segment_id, dialog_id, segment_start_utc, file_path, sha256, byte_count,
    duration_ms, sample_rate_hz, channel_count, content_type, fetched_utc, pruned_utc)
VALUES (
    @source_key, @interaction_id, @segment_id, @dialog_id, @segment_start_utc, @file_path, @sha256, @byte_count,
    @duration_ms, @sample_rate_hz, @channel_count, @content_type, @fetched_utc, NULL)
ON CONFLICT (source_key, interaction_id, segment_id) DO NOTHING;

-- ==== transcript_insert
INSERT INTO fact_transcript (
    source_key, interaction_id, segment_id, file_path, sha256, byte_count, content_type, transcript_text, fetched_utc)
VALUES (
    @source_key, @interaction_id, @segment_id, @file_path, @sha256, @byte_count, @content_type, @transcript_text, @fetched_utc)
ON CONFLICT (source_key, interaction_id, segment_id) DO NOTHING;

-- ==== recording_clear_failure
DELETE FROM recording_failure
WHERE source_key = @source_key
  AND interaction_id = @interaction_id
  AND segment_id = @segment_id
  AND artifact = @artifact;

-- ==== recording_record_failure
INSERT INTO recording_failure (source_key, interaction_id, segment_id, artifact, attempts, error, first_failed_utc, last_failed_utc)
VALUES (@source_key, @interaction_id, @segment_id, @artifact, 1, @error, @failed_utc, @failed_utc)
ON CONFLICT (source_key, interaction_id, segment_id, artifact) DO UPDATE
SET attempts = attempts + 1,
    error = excluded.error,
    last_failed_utc = excluded.last_failed_utc;

-- ==== recording_select_failures
SELECT d.sub_account_id, d.source_name, f.interaction_id, f.segment_id, f.artifact, f.attempts, f.error,
       f.first_failed_utc, f.last_failed_utc
FROM recording_failure AS f
INNER JOIN dim_source AS d ON d.source_key = f.source_key
ORDER BY f.last_failed_utc DESC, f.source_key, f.interaction_id, f.segment_id, f.artifact
LIMIT @limit;

-- ==== recording_count_failures
SELECT COUNT(*) AS failing,
       COALESCE(SUM(CASE WHEN f.attempts >= @max_attempts THEN 1 ELSE 0 END), 0) AS given_up
FROM recording_failure AS f;

-- ==== recording_select_prune_candidates
SELECT r.source_key, r.interaction_id, r.segment_id, r.file_path, r.sha256,
       CASE WHEN EXISTS (
           SELECT 1
           FROM fact_recording AS other
           WHERE other.sha256 = r.sha256
             AND other.pruned_utc IS NULL
             AND other.segment_start_utc >= @cutoff_utc) THEN 1 ELSE 0 END AS file_still_needed
FROM fact_recording AS r
WHERE r.pruned_utc IS NULL
  AND r.segment_start_utc < @cutoff_utc
ORDER BY r.segment_start_utc, r.source_key, r.interaction_id, r.segment_id;

-- ==== recording_mark_pruned
UPDATE fact_recording
SET pruned_utc = @pruned_utc
WHERE source_key = @source_key
  AND interaction_id = @interaction_id
  AND segment_id = @segment_id
  AND pruned_utc IS NULL;
