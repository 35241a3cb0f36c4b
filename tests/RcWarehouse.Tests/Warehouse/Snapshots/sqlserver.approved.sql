-- Every statement the SQL Server engine sends (generated; see GeneratedSqlSnapshotTests).

-- ==== bulk_copy.agent_extended
-- SqlBulkCopy into #stage_agent_extended, columns mapped by name:
-- load_batch_id, interval_key, interval_start_utc, interval_minutes, agent_id, agent_name, queue_id, queue_name, talking_call_dur_sec, wrap_up_dur_sec, answ_call_cnt, transfer_out_call_cnt

-- ==== bulk_copy.queue_stats
-- SqlBulkCopy into #stage_queue_stats, columns mapped by name:
-- load_batch_id, interval_key, interval_start_utc, interval_minutes, queue_id, queue_name, offd_direct_call_cnt, overflow_in_call_cnt, aband_call_cnt, overflow_out_call_cnt, answ_call_cnt, queued_and_answ_call_dur_sec, queued_and_aband_call_dur_sec, talking_call_dur_sec, wrap_up_dur_sec, queued_answ_longest_que_dur_sec, queued_aband_longest_que_dur_sec, ans_servicelevel_cnt, wait_dur_sec, aband_short_call_cnt, aband_within_sl_cnt, completed_contacts, segment_hold_time_ms

-- ==== bulk_copy.segment
-- SqlBulkCopy into #stage_segment, columns mapped by name:
-- load_batch_id, interaction_id, segment_id, dialog_id, interval_key, agent_id, rc_user_id, agent_group_id, segment_type, channel_type, channel_class, direction, interaction_start_utc, interaction_duration_ms, segment_start_utc, segment_end_utc, segment_duration_ms, calling_address, called_address, recording_url, has_recording, has_transcript, system_disposition, agent_disposition, agent_notes, events_json, attributes_json

-- ==== bulk_copy.agent_stats
-- SqlBulkCopy into #stage_agent_stats, columns mapped by name:
-- load_batch_id, interval_key, interval_start_utc, interval_minutes, agent_id, agent_name, logged_in_dur_sec, available_dur_sec, talking_call_dur_sec, wrap_up_dur_sec, away_dur_sec, presented_call_cnt, answ_call_cnt, transfer_out_call_cnt, other_measures_json

-- ==== session_settings
SET XACT_ABORT ON; SET NOCOUNT OFF; SET LOCK_TIMEOUT 120000;

-- ==== journal_exists
SELECT CASE WHEN OBJECT_ID(N'dbo.SchemaVersions', N'U') IS NULL THEN 0 ELSE 1 END;

-- ==== ensure_journal
IF OBJECT_ID(N'dbo.SchemaVersions', N'U') IS NULL
BEGIN
    CREATE TABLE dbo.SchemaVersions (
        Id         int IDENTITY(1, 1) NOT NULL,
        ScriptName nvarchar(255) NOT NULL,
        Applied    datetime2(3) NOT NULL,
        Checksum   char(64) NOT NULL,
        CONSTRAINT PK_SchemaVersions PRIMARY KEY CLUSTERED (Id),
        CONSTRAINT UQ_SchemaVersions_ScriptName UNIQUE (ScriptName)
    );
END;

-- ==== select_journal
SELECT sv.ScriptName, sv.Checksum FROM dbo.SchemaVersions AS sv ORDER BY sv.ScriptName;

-- ==== insert_journal
INSERT INTO dbo.SchemaVersions (ScriptName, Applied, Checksum) VALUES (@script_name, @applied, @checksum);

-- ==== delete_journal_entry
DELETE FROM dbo.SchemaVersions WHERE ScriptName = @script_name;

-- ==== acquire_migration_lock
DECLARE @lock_result int;
EXEC @lock_result = sys.sp_getapplock
    @Resource = N'rcwarehouse/migrate',
    @LockMode = N'Exclusive',
    @LockOwner = N'Session',
    @LockTimeout = @lock_timeout_ms;
IF @lock_result < 0
    THROW 50002, N'Another migration holds the rcwarehouse/migrate lock; it was not released in time.', 1;

-- ==== release_migration_lock
EXEC sys.sp_releaseapplock @Resource = N'rcwarehouse/migrate', @LockOwner = N'Session';

-- ==== compatibility_level
SELECT d.compatibility_level, d.name
FROM sys.databases AS d
WHERE d.database_id = DB_ID();

-- ==== begin_batch
UPDATE dw.dim_source
SET source_name = @source_name
WHERE sub_account_id = @sub_account_id
  AND @source_name IS NOT NULL
  AND (source_name IS NULL OR source_name <> @source_name COLLATE Latin1_General_100_BIN2);

IF NOT EXISTS (SELECT 1 FROM dw.dim_source WITH (UPDLOCK, HOLDLOCK) WHERE sub_account_id = @sub_account_id)
    INSERT INTO dw.dim_source (sub_account_id, source_name) VALUES (@sub_account_id, @source_name);

DECLARE @batch TABLE (load_batch_id bigint NOT NULL, source_key int NOT NULL);

INSERT INTO etl.load_batch (source_key, report, window_start_utc, window_end_utc, landed_file, sha256, status, started_utc)
OUTPUT inserted.load_batch_id, inserted.source_key INTO @batch (load_batch_id, source_key)
SELECT s.source_key, @report, @window_start_utc, @window_end_utc, @landed_file, @sha256, 'running', @started_utc
FROM dw.dim_source AS s
WHERE s.sub_account_id = @sub_account_id;

SELECT b.load_batch_id, b.source_key FROM @batch AS b;

-- ==== finish_batch
UPDATE etl.load_batch
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
UPDATE etl.load_batch
SET status = 'failed',
    rows_read = @rows_read,
    rows_loaded = 0,
    error = @error,
    finished_utc = @finished_utc
WHERE load_batch_id = @load_batch_id;

-- ==== select_batches
SELECT TOP (@limit)
       b.load_batch_id, s.sub_account_id, b.report, b.window_start_utc, b.window_end_utc, b.landed_file, b.sha256,
       b.rows_read, b.rows_loaded, b.status, b.error, b.started_utc, b.finished_utc
FROM etl.load_batch AS b
INNER JOIN dw.dim_source AS s ON s.source_key = b.source_key
WHERE @sub_account_id IS NULL OR s.sub_account_id = @sub_account_id
ORDER BY b.load_batch_id DESC;

-- ==== insert_interval
INSERT INTO dw.dim_interval (interval_key, start_utc, local_start, local_date, local_time, local_hour, day_of_week, is_weekend)
SELECT j.interval_key,
       CONVERT(datetime2(3), j.start_utc, 121),
       CONVERT(datetime2(3), j.local_start, 121),
       CONVERT(date, j.local_date, 23),
       CONVERT(time(0), j.local_time, 108),
       j.local_hour,
       j.day_of_week,
       j.is_weekend
FROM OPENJSON(@intervals)
    WITH (
        interval_key bigint     '$.interval_key',
        start_utc    varchar(23) '$.start_utc',
        local_start  varchar(23) '$.local_start',
        local_date   varchar(10) '$.local_date',
        local_time   varchar(8)  '$.local_time',
        local_hour   tinyint    '$.local_hour',
        day_of_week  tinyint    '$.day_of_week',
        is_weekend   bit        '$.is_weekend'
    ) AS j
WHERE NOT EXISTS (SELECT 1 FROM dw.dim_interval AS d WHERE d.interval_key = j.interval_key);

-- ==== acquire_publish_lock
DECLARE @lock_result int;
EXEC @lock_result = sys.sp_getapplock
    @Resource = @resource,
    @LockMode = @lock_mode,
    @LockOwner = N'Transaction',
    @LockTimeout = @lock_timeout_ms;
IF @lock_result < 0
BEGIN
    DECLARE @lock_message nvarchar(2048) = CONCAT(
        N'Could not take the publish lock ', @resource, N': ',
        CASE @lock_result
            WHEN -1 THEN CONCAT(N'another load of the source held it for longer than Warehouse:PublishLockTimeout (', @lock_timeout_ms, N' ms)')
            WHEN -3 THEN N'chosen as the deadlock victim'
            ELSE CONCAT(N'sp_getapplock returned ', @lock_result)
        END,
        N'.');
    THROW 50001, @lock_message, 1;
END;

-- ==== advance_watermark
UPDATE etl.watermark
SET loaded_through_utc = @loaded_through_utc,
    updated_utc = @now_utc
WHERE source_key = @source_key
  AND report = @report
  AND loaded_through_utc < @loaded_through_utc;

IF NOT EXISTS (SELECT 1 FROM etl.watermark WITH (UPDLOCK, HOLDLOCK) WHERE source_key = @source_key AND report = @report)
    INSERT INTO etl.watermark (source_key, report, loaded_through_utc, updated_utc)
    VALUES (@source_key, @report, @loaded_through_utc, @now_utc);

-- ==== agent_extended.create_stage
DROP TABLE IF EXISTS #stage_agent_extended;
SELECT TOP (0) * INTO #stage_agent_extended FROM stage.agent_extended;

-- ==== agent_extended.index_stage
CREATE UNIQUE CLUSTERED INDEX ux_stage_grain ON #stage_agent_extended (interval_key, agent_id, queue_id);

-- ==== agent_extended.duplicate_check
SELECT TOP (5) agent_id, queue_id, interval_key, COUNT_BIG(*) AS copies
FROM #stage_agent_extended
WHERE load_batch_id = @load_batch_id
GROUP BY agent_id, queue_id, interval_key
HAVING COUNT_BIG(*) > 1
ORDER BY agent_id, queue_id, interval_key;

-- ==== agent_extended.count_stage
SELECT COUNT_BIG(*) FROM #stage_agent_extended;

-- ==== agent_extended.infer_agents
INSERT INTO dw.dim_agent (source_key, agent_id, agent_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
SELECT @source_key, s.agent_id, MAX(s.agent_name), 1, 1, CONVERT(datetime2(3), '1900-01-01T00:00:00.000', 126), CONVERT(datetime2(3), '9999-12-31T00:00:00.000', 126), 1
FROM #stage_agent_extended AS s
WHERE s.load_batch_id = @load_batch_id
  AND s.agent_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM dw.dim_agent AS d WITH (UPDLOCK, HOLDLOCK) WHERE d.source_key = @source_key AND d.agent_id = s.agent_id)
GROUP BY s.agent_id
ORDER BY s.agent_id;

-- ==== agent_extended.rename_inferred_agents
UPDATE d
SET d.agent_name = n.agent_name
FROM dw.dim_agent AS d
INNER JOIN (
    SELECT s.agent_id, MAX(s.agent_name) AS agent_name
    FROM #stage_agent_extended AS s
    WHERE s.load_batch_id = @load_batch_id AND s.agent_name IS NOT NULL
    GROUP BY s.agent_id
) AS n ON n.agent_id = d.agent_id
WHERE d.source_key = @source_key
  AND d.is_inferred = 1
  AND (d.agent_name IS NULL OR d.agent_name <> n.agent_name COLLATE Latin1_General_100_BIN2);

-- ==== agent_extended.infer_queues
INSERT INTO dw.dim_queue (source_key, queue_id, queue_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
SELECT @source_key, s.queue_id, MAX(s.queue_name), 1, 1, CONVERT(datetime2(3), '1900-01-01T00:00:00.000', 126), CONVERT(datetime2(3), '9999-12-31T00:00:00.000', 126), 1
FROM #stage_agent_extended AS s
WHERE s.load_batch_id = @load_batch_id
  AND s.queue_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM dw.dim_queue AS d WITH (UPDLOCK, HOLDLOCK) WHERE d.source_key = @source_key AND d.queue_id = s.queue_id)
GROUP BY s.queue_id
ORDER BY s.queue_id;

-- ==== agent_extended.rename_inferred_queues
UPDATE d
SET d.queue_name = n.queue_name
FROM dw.dim_queue AS d
INNER JOIN (
    SELECT s.queue_id, MAX(s.queue_name) AS queue_name
    FROM #stage_agent_extended AS s
    WHERE s.load_batch_id = @load_batch_id AND s.queue_name IS NOT NULL
    GROUP BY s.queue_id
) AS n ON n.queue_id = d.queue_id
WHERE d.source_key = @source_key
  AND d.is_inferred = 1
  AND (d.queue_name IS NULL OR d.queue_name <> n.queue_name COLLATE Latin1_General_100_BIN2);

-- ==== agent_extended.resolve_keys
UPDATE s
SET s.agent_key = a.agent_key,
    s.queue_key = q.queue_key
FROM #stage_agent_extended AS s
OUTER APPLY (SELECT TOP (1) d.agent_key FROM dw.dim_agent AS d WHERE d.source_key = @source_key AND d.agent_id = s.agent_id AND d.valid_from_utc <= s.interval_start_utc AND s.interval_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC) AS a
OUTER APPLY (SELECT TOP (1) d.queue_key FROM dw.dim_queue AS d WHERE d.source_key = @source_key AND d.queue_id = s.queue_id AND d.valid_from_utc <= s.interval_start_utc AND s.interval_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC) AS q
WHERE s.load_batch_id = @load_batch_id;

-- ==== agent_extended.index_stage_keys
CREATE INDEX ix_stage_keys ON #stage_agent_extended (interval_key, agent_key, queue_key);

-- ==== agent_extended.delete_replaced_facts
DELETE f
FROM dw.fact_agent_queue_interval AS f
WHERE f.source_key = @source_key
  AND f.interval_key >= @from_key AND f.interval_key < @to_key
  AND NOT EXISTS (
      SELECT 1
      FROM #stage_agent_extended AS s
      WHERE s.load_batch_id = @load_batch_id
        AND s.interval_key = f.interval_key
        AND s.agent_key = f.agent_key
        AND s.queue_key = f.queue_key
        AND EXISTS (SELECT s.interval_minutes, s.talking_call_dur_sec, s.wrap_up_dur_sec, s.answ_call_cnt, s.transfer_out_call_cnt INTERSECT SELECT f.interval_minutes, f.talking_call_dur_sec, f.wrap_up_dur_sec, f.answ_call_cnt, f.transfer_out_call_cnt));

-- ==== agent_extended.insert_new_facts
INSERT INTO dw.fact_agent_queue_interval (source_key, interval_key, agent_key, queue_key, interval_minutes, talking_call_dur_sec, wrap_up_dur_sec, answ_call_cnt, transfer_out_call_cnt, load_batch_id)
SELECT @source_key, s.interval_key, s.agent_key, s.queue_key, s.interval_minutes, s.talking_call_dur_sec, s.wrap_up_dur_sec, s.answ_call_cnt, s.transfer_out_call_cnt, @load_batch_id
FROM #stage_agent_extended AS s
WHERE s.load_batch_id = @load_batch_id
  AND NOT EXISTS (
      SELECT 1
      FROM dw.fact_agent_queue_interval AS f
      WHERE f.source_key = @source_key
        AND f.interval_key = s.interval_key
        AND f.agent_key = s.agent_key
        AND f.queue_key = s.queue_key);

-- ==== agent_extended.clear_stage
DROP TABLE #stage_agent_extended;

-- ==== queue_stats.create_stage
DROP TABLE IF EXISTS #stage_queue_stats;
SELECT TOP (0) * INTO #stage_queue_stats FROM stage.queue_stats;

-- ==== queue_stats.index_stage
CREATE UNIQUE CLUSTERED INDEX ux_stage_grain ON #stage_queue_stats (interval_key, queue_id);

-- ==== queue_stats.duplicate_check
SELECT TOP (5) queue_id, interval_key, COUNT_BIG(*) AS copies
FROM #stage_queue_stats
WHERE load_batch_id = @load_batch_id
GROUP BY queue_id, interval_key
HAVING COUNT_BIG(*) > 1
ORDER BY queue_id, interval_key;

-- ==== queue_stats.count_stage
SELECT COUNT_BIG(*) FROM #stage_queue_stats;

-- ==== queue_stats.infer_queues
INSERT INTO dw.dim_queue (source_key, queue_id, queue_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
SELECT @source_key, s.queue_id, MAX(s.queue_name), 1, 1, CONVERT(datetime2(3), '1900-01-01T00:00:00.000', 126), CONVERT(datetime2(3), '9999-12-31T00:00:00.000', 126), 1
FROM #stage_queue_stats AS s
WHERE s.load_batch_id = @load_batch_id
  AND s.queue_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM dw.dim_queue AS d WITH (UPDLOCK, HOLDLOCK) WHERE d.source_key = @source_key AND d.queue_id = s.queue_id)
GROUP BY s.queue_id
ORDER BY s.queue_id;

-- ==== queue_stats.rename_inferred_queues
UPDATE d
SET d.queue_name = n.queue_name
FROM dw.dim_queue AS d
INNER JOIN (
    SELECT s.queue_id, MAX(s.queue_name) AS queue_name
    FROM #stage_queue_stats AS s
    WHERE s.load_batch_id = @load_batch_id AND s.queue_name IS NOT NULL
    GROUP BY s.queue_id
) AS n ON n.queue_id = d.queue_id
WHERE d.source_key = @source_key
  AND d.is_inferred = 1
  AND (d.queue_name IS NULL OR d.queue_name <> n.queue_name COLLATE Latin1_General_100_BIN2);

-- ==== queue_stats.resolve_keys
UPDATE s
SET s.queue_key = q.queue_key
FROM #stage_queue_stats AS s
OUTER APPLY (SELECT TOP (1) d.queue_key FROM dw.dim_queue AS d WHERE d.source_key = @source_key AND d.queue_id = s.queue_id AND d.valid_from_utc <= s.interval_start_utc AND s.interval_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC) AS q
WHERE s.load_batch_id = @load_batch_id;

-- ==== queue_stats.index_stage_keys
CREATE INDEX ix_stage_keys ON #stage_queue_stats (interval_key, queue_key);

-- ==== queue_stats.delete_replaced_facts
DELETE f
FROM dw.fact_queue_interval AS f
WHERE f.source_key = @source_key
  AND f.interval_key >= @from_key AND f.interval_key < @to_key
  AND NOT EXISTS (
      SELECT 1
      FROM #stage_queue_stats AS s
      WHERE s.load_batch_id = @load_batch_id
        AND s.interval_key = f.interval_key
        AND s.queue_key = f.queue_key
        AND EXISTS (SELECT s.interval_minutes, s.offd_direct_call_cnt, s.overflow_in_call_cnt, s.aband_call_cnt, s.overflow_out_call_cnt, s.answ_call_cnt, s.queued_and_answ_call_dur_sec, s.queued_and_aband_call_dur_sec, s.talking_call_dur_sec, s.wrap_up_dur_sec, s.queued_answ_longest_que_dur_sec, s.queued_aband_longest_que_dur_sec, s.ans_servicelevel_cnt, s.wait_dur_sec, s.aband_short_call_cnt, s.aband_within_sl_cnt, s.completed_contacts, s.segment_hold_time_ms INTERSECT SELECT f.interval_minutes, f.offd_direct_call_cnt, f.overflow_in_call_cnt, f.aband_call_cnt, f.overflow_out_call_cnt, f.answ_call_cnt, f.queued_and_answ_call_dur_sec, f.queued_and_aband_call_dur_sec, f.talking_call_dur_sec, f.wrap_up_dur_sec, f.queued_answ_longest_que_dur_sec, f.queued_aband_longest_que_dur_sec, f.ans_servicelevel_cnt, f.wait_dur_sec, f.aband_short_call_cnt, f.aband_within_sl_cnt, f.completed_contacts, f.segment_hold_time_ms));

-- ==== queue_stats.insert_new_facts
INSERT INTO dw.fact_queue_interval (source_key, interval_key, queue_key, interval_minutes, offd_direct_call_cnt, overflow_in_call_cnt, aband_call_cnt, overflow_out_call_cnt, answ_call_cnt, queued_and_answ_call_dur_sec, queued_and_aband_call_dur_sec, talking_call_dur_sec, wrap_up_dur_sec, queued_answ_longest_que_dur_sec, queued_aband_longest_que_dur_sec, ans_servicelevel_cnt, wait_dur_sec, aband_short_call_cnt, aband_within_sl_cnt, completed_contacts, segment_hold_time_ms, load_batch_id)
SELECT @source_key, s.interval_key, s.queue_key, s.interval_minutes, s.offd_direct_call_cnt, s.overflow_in_call_cnt, s.aband_call_cnt, s.overflow_out_call_cnt, s.answ_call_cnt, s.queued_and_answ_call_dur_sec, s.queued_and_aband_call_dur_sec, s.talking_call_dur_sec, s.wrap_up_dur_sec, s.queued_answ_longest_que_dur_sec, s.queued_aband_longest_que_dur_sec, s.ans_servicelevel_cnt, s.wait_dur_sec, s.aband_short_call_cnt, s.aband_within_sl_cnt, s.completed_contacts, s.segment_hold_time_ms, @load_batch_id
FROM #stage_queue_stats AS s
WHERE s.load_batch_id = @load_batch_id
  AND NOT EXISTS (
      SELECT 1
      FROM dw.fact_queue_interval AS f
      WHERE f.source_key = @source_key
        AND f.interval_key = s.interval_key
        AND f.queue_key = s.queue_key);

-- ==== queue_stats.clear_stage
DROP TABLE #stage_queue_stats;

-- ==== segments.create_stage
DROP TABLE IF EXISTS #stage_segment;
SELECT TOP (0) * INTO #stage_segment FROM stage.segment;
DROP TABLE IF EXISTS #segment_scope;
CREATE TABLE #segment_scope (
    interaction_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    segment_id     nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    PRIMARY KEY CLUSTERED (interaction_id, segment_id)
);

-- ==== segments.index_stage
CREATE UNIQUE CLUSTERED INDEX ux_stage_grain ON #stage_segment (interaction_id, segment_id);

-- ==== segments.duplicate_check
SELECT TOP (5) interaction_id, segment_id, COUNT_BIG(*) AS copies
FROM #stage_segment
WHERE load_batch_id = @load_batch_id
GROUP BY interaction_id, segment_id
HAVING COUNT_BIG(*) > 1
ORDER BY interaction_id, segment_id;

-- ==== segments.count_stage
SELECT COUNT_BIG(*) FROM #stage_segment;

-- ==== segments.infer_agents
INSERT INTO dw.dim_agent (source_key, agent_id, rc_user_id, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
SELECT @source_key, s.agent_id, MAX(s.rc_user_id), 1, 1, CONVERT(datetime2(3), '1900-01-01T00:00:00.000', 126), CONVERT(datetime2(3), '9999-12-31T00:00:00.000', 126), 1
FROM #stage_segment AS s
WHERE s.load_batch_id = @load_batch_id
  AND s.agent_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM dw.dim_agent AS d WITH (UPDLOCK, HOLDLOCK) WHERE d.source_key = @source_key AND d.agent_id = s.agent_id)
GROUP BY s.agent_id
ORDER BY s.agent_id;

-- ==== segments.resolve_keys
UPDATE s
SET s.agent_key = a.agent_key
FROM #stage_segment AS s
OUTER APPLY (SELECT TOP (1) d.agent_key FROM dw.dim_agent AS d WHERE d.source_key = @source_key AND d.agent_id = s.agent_id AND d.valid_from_utc <= s.segment_start_utc AND s.segment_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC) AS a
WHERE s.load_batch_id = @load_batch_id;

-- ==== segments.resolve_by_rc_user_id
UPDATE s
SET s.agent_key = a.agent_key,
    s.agent_id = a.agent_id
FROM #stage_segment AS s
CROSS APPLY (SELECT TOP (1) d.agent_key, d.agent_id FROM dw.dim_agent AS d WHERE d.source_key = @source_key AND d.rc_user_id = s.rc_user_id AND d.valid_from_utc <= s.segment_start_utc AND s.segment_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC, d.agent_key DESC) AS a
WHERE s.load_batch_id = @load_batch_id
  AND s.agent_id IS NULL
  AND s.rc_user_id IS NOT NULL;

-- ==== segments.mark_unchanged
UPDATE s
SET s.is_unchanged = 1
FROM #stage_segment AS s
WHERE s.load_batch_id = @load_batch_id
  AND EXISTS (
      SELECT 1
      FROM dw.fact_segment AS f
      WHERE f.source_key = @source_key
        AND f.interaction_id = s.interaction_id
        AND f.segment_id = s.segment_id
        AND EXISTS (
            SELECT s.dialog_id COLLATE Latin1_General_100_BIN2, DATALENGTH(s.dialog_id),
                   s.interval_key,
                   s.agent_key,
                   s.agent_id COLLATE Latin1_General_100_BIN2, DATALENGTH(s.agent_id),
                   s.rc_user_id COLLATE Latin1_General_100_BIN2, DATALENGTH(s.rc_user_id),
                   s.agent_group_id COLLATE Latin1_General_100_BIN2, DATALENGTH(s.agent_group_id),
                   s.segment_type COLLATE Latin1_General_100_BIN2, DATALENGTH(s.segment_type),
                   s.channel_type COLLATE Latin1_General_100_BIN2, DATALENGTH(s.channel_type),
                   s.channel_class COLLATE Latin1_General_100_BIN2, DATALENGTH(s.channel_class),
                   s.direction COLLATE Latin1_General_100_BIN2, DATALENGTH(s.direction),
                   s.interaction_start_utc,
                   s.interaction_duration_ms,
                   s.segment_start_utc,
                   s.segment_end_utc,
                   s.segment_duration_ms,
                   s.calling_address COLLATE Latin1_General_100_BIN2, DATALENGTH(s.calling_address),
                   s.called_address COLLATE Latin1_General_100_BIN2, DATALENGTH(s.called_address),
                   s.recording_url COLLATE Latin1_General_100_BIN2, DATALENGTH(s.recording_url),
                   s.has_recording,
                   s.has_transcript,
                   s.system_disposition COLLATE Latin1_General_100_BIN2, DATALENGTH(s.system_disposition),
                   s.agent_disposition COLLATE Latin1_General_100_BIN2, DATALENGTH(s.agent_disposition),
                   s.agent_notes COLLATE Latin1_General_100_BIN2, DATALENGTH(s.agent_notes)
            INTERSECT
            SELECT f.dialog_id COLLATE Latin1_General_100_BIN2, DATALENGTH(f.dialog_id),
                   f.interval_key,
                   f.agent_key,
                   f.agent_id COLLATE Latin1_General_100_BIN2, DATALENGTH(f.agent_id),
                   f.rc_user_id COLLATE Latin1_General_100_BIN2, DATALENGTH(f.rc_user_id),
                   f.agent_group_id COLLATE Latin1_General_100_BIN2, DATALENGTH(f.agent_group_id),
                   f.segment_type COLLATE Latin1_General_100_BIN2, DATALENGTH(f.segment_type),
                   f.channel_type COLLATE Latin1_General_100_BIN2, DATALENGTH(f.channel_type),
                   f.channel_class COLLATE Latin1_General_100_BIN2, DATALENGTH(f.channel_class),
                   f.direction COLLATE Latin1_General_100_BIN2, DATALENGTH(f.direction),
                   f.interaction_start_utc,
                   f.interaction_duration_ms,
                   f.segment_start_utc,
                   f.segment_end_utc,
                   f.segment_duration_ms,
                   f.calling_address COLLATE Latin1_General_100_BIN2, DATALENGTH(f.calling_address),
                   f.called_address COLLATE Latin1_General_100_BIN2, DATALENGTH(f.called_address),
                   f.recording_url COLLATE Latin1_General_100_BIN2, DATALENGTH(f.recording_url),
                   f.has_recording,
                   f.has_transcript,
                   f.system_disposition COLLATE Latin1_General_100_BIN2, DATALENGTH(f.system_disposition),
                   f.agent_disposition COLLATE Latin1_General_100_BIN2, DATALENGTH(f.agent_disposition),
                   f.agent_notes COLLATE Latin1_General_100_BIN2, DATALENGTH(f.agent_notes)));

-- ==== segments.scope
INSERT INTO #segment_scope (interaction_id, segment_id)
SELECT f.interaction_id, f.segment_id
FROM dw.fact_segment AS f
WHERE f.source_key = @source_key
  AND f.interval_key >= @from_key
  AND f.interval_key < @to_key
UNION
SELECT f.interaction_id, f.segment_id
FROM #stage_segment AS s
INNER JOIN dw.fact_segment AS f
    ON f.source_key = @source_key AND f.interaction_id = s.interaction_id AND f.segment_id = s.segment_id
WHERE s.load_batch_id = @load_batch_id;

-- ==== segments.delete_replaced_events
DELETE e
FROM dw.fact_segment_event AS e
INNER JOIN #segment_scope AS k
    ON e.source_key = @source_key AND e.interaction_id = k.interaction_id AND e.segment_id = k.segment_id
WHERE NOT EXISTS (
      SELECT 1
      FROM #stage_segment AS s
      CROSS APPLY OPENJSON(s.events_json)
    WITH (
        event_seq         int          '$.seq',
        event_type        nvarchar(64) '$.type',
        event_time        varchar(23)  '$.time',
        client_event_time varchar(23)  '$.client_time'
    ) AS r
    CROSS APPLY (
        SELECT r.event_seq,
               r.event_type,
               CONVERT(datetime2(3), r.event_time, 121) AS event_time_utc,
               CONVERT(datetime2(3), r.client_event_time, 121) AS client_event_time_utc
    ) AS j
      WHERE s.load_batch_id = @load_batch_id
        AND s.is_unchanged = 1
        AND s.interaction_id = e.interaction_id
        AND s.segment_id = e.segment_id
        AND j.event_seq = e.event_seq
        AND EXISTS (
            SELECT j.event_type COLLATE Latin1_General_100_BIN2, DATALENGTH(j.event_type), j.event_time_utc, j.client_event_time_utc
            INTERSECT
            SELECT e.event_type COLLATE Latin1_General_100_BIN2, DATALENGTH(e.event_type), e.event_time_utc, e.client_event_time_utc));

-- ==== segments.delete_replaced_attributes
DELETE a
FROM dw.fact_segment_attribute AS a
INNER JOIN #segment_scope AS k
    ON a.source_key = @source_key AND a.interaction_id = k.interaction_id AND a.segment_id = k.segment_id
WHERE NOT EXISTS (
      SELECT 1
      FROM #stage_segment AS s
      CROSS APPLY OPENJSON(s.attributes_json) AS j
      WHERE s.load_batch_id = @load_batch_id
        AND s.is_unchanged = 1
        AND s.interaction_id = a.interaction_id
        AND s.segment_id = a.segment_id
        AND j.[key] COLLATE Latin1_General_100_BIN2 = a.name
        AND j.value = a.value COLLATE Latin1_General_100_BIN2
        AND DATALENGTH(j.value) = DATALENGTH(a.value));

-- ==== segments.delete_replaced_segments
DELETE f
FROM dw.fact_segment AS f
INNER JOIN #segment_scope AS k
    ON f.source_key = @source_key AND f.interaction_id = k.interaction_id AND f.segment_id = k.segment_id
WHERE NOT EXISTS (
      SELECT 1
      FROM #stage_segment AS s
      WHERE s.load_batch_id = @load_batch_id
        AND s.is_unchanged = 1
        AND s.interaction_id = f.interaction_id
        AND s.segment_id = f.segment_id);

-- ==== segments.insert_new_segments
INSERT INTO dw.fact_segment (source_key, interaction_id, segment_id, dialog_id, interval_key, agent_key, agent_id, rc_user_id, agent_group_id, segment_type, channel_type, channel_class, direction, interaction_start_utc, interaction_duration_ms, segment_start_utc, segment_end_utc, segment_duration_ms, calling_address, called_address, recording_url, has_recording, has_transcript, system_disposition, agent_disposition, agent_notes, load_batch_id)
SELECT @source_key, s.interaction_id, s.segment_id, s.dialog_id, s.interval_key, s.agent_key, s.agent_id, s.rc_user_id, s.agent_group_id, s.segment_type, s.channel_type, s.channel_class, s.direction, s.interaction_start_utc, s.interaction_duration_ms, s.segment_start_utc, s.segment_end_utc, s.segment_duration_ms, s.calling_address, s.called_address, s.recording_url, s.has_recording, s.has_transcript, s.system_disposition, s.agent_disposition, s.agent_notes, @load_batch_id
FROM #stage_segment AS s
WHERE s.load_batch_id = @load_batch_id
  AND s.is_unchanged IS NULL;

-- ==== segments.insert_new_events
INSERT INTO dw.fact_segment_event (source_key, interaction_id, segment_id, event_seq, event_type, event_time_utc, client_event_time_utc, load_batch_id)
SELECT @source_key, s.interaction_id, s.segment_id, j.event_seq, j.event_type, j.event_time_utc, j.client_event_time_utc, @load_batch_id
FROM #stage_segment AS s
CROSS APPLY OPENJSON(s.events_json)
    WITH (
        event_seq         int          '$.seq',
        event_type        nvarchar(64) '$.type',
        event_time        varchar(23)  '$.time',
        client_event_time varchar(23)  '$.client_time'
    ) AS r
    CROSS APPLY (
        SELECT r.event_seq,
               r.event_type,
               CONVERT(datetime2(3), r.event_time, 121) AS event_time_utc,
               CONVERT(datetime2(3), r.client_event_time, 121) AS client_event_time_utc
    ) AS j
WHERE s.load_batch_id = @load_batch_id
  AND NOT EXISTS (
      SELECT 1
      FROM dw.fact_segment_event AS e
      WHERE e.source_key = @source_key
        AND e.interaction_id = s.interaction_id
        AND e.segment_id = s.segment_id
        AND e.event_seq = j.event_seq);

-- ==== segments.insert_new_attributes
INSERT INTO dw.fact_segment_attribute (source_key, interaction_id, segment_id, name, value, load_batch_id)
SELECT @source_key, s.interaction_id, s.segment_id, j.[key], j.value, @load_batch_id
FROM #stage_segment AS s
CROSS APPLY OPENJSON(s.attributes_json) AS j
WHERE s.load_batch_id = @load_batch_id
  AND NOT EXISTS (
      SELECT 1
      FROM dw.fact_segment_attribute AS a
      WHERE a.source_key = @source_key
        AND a.interaction_id = s.interaction_id
        AND a.segment_id = s.segment_id
        AND a.name = j.[key] COLLATE Latin1_General_100_BIN2);

-- ==== segments.clear_stage
DROP TABLE #stage_segment;
DROP TABLE #segment_scope;

-- ==== agent_stats.create_stage
DROP TABLE IF EXISTS #stage_agent_stats;
SELECT TOP (0) * INTO #stage_agent_stats FROM stage.agent_stats;

-- ==== agent_stats.index_stage
CREATE UNIQUE CLUSTERED INDEX ux_stage_grain ON #stage_agent_stats (interval_key, agent_id);

-- ==== agent_stats.duplicate_check
SELECT TOP (5) agent_id, interval_key, COUNT_BIG(*) AS copies
FROM #stage_agent_stats
WHERE load_batch_id = @load_batch_id
GROUP BY agent_id, interval_key
HAVING COUNT_BIG(*) > 1
ORDER BY agent_id, interval_key;

-- ==== agent_stats.count_stage
SELECT COUNT_BIG(*) FROM #stage_agent_stats;

-- ==== agent_stats.infer_agents
INSERT INTO dw.dim_agent (source_key, agent_id, agent_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
SELECT @source_key, s.agent_id, MAX(s.agent_name), 1, 1, CONVERT(datetime2(3), '1900-01-01T00:00:00.000', 126), CONVERT(datetime2(3), '9999-12-31T00:00:00.000', 126), 1
FROM #stage_agent_stats AS s
WHERE s.load_batch_id = @load_batch_id
  AND s.agent_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM dw.dim_agent AS d WITH (UPDLOCK, HOLDLOCK) WHERE d.source_key = @source_key AND d.agent_id = s.agent_id)
GROUP BY s.agent_id
ORDER BY s.agent_id;

-- ==== agent_stats.rename_inferred_agents
UPDATE d
SET d.agent_name = n.agent_name
FROM dw.dim_agent AS d
INNER JOIN (
    SELECT s.agent_id, MAX(s.agent_name) AS agent_name
    FROM #stage_agent_stats AS s
    WHERE s.load_batch_id = @load_batch_id AND s.agent_name IS NOT NULL
    GROUP BY s.agent_id
) AS n ON n.agent_id = d.agent_id
WHERE d.source_key = @source_key
  AND d.is_inferred = 1
  AND (d.agent_name IS NULL OR d.agent_name <> n.agent_name COLLATE Latin1_General_100_BIN2);

-- ==== agent_stats.resolve_keys
UPDATE s
SET s.agent_key = a.agent_key
FROM #stage_agent_stats AS s
OUTER APPLY (SELECT TOP (1) d.agent_key FROM dw.dim_agent AS d WHERE d.source_key = @source_key AND d.agent_id = s.agent_id AND d.valid_from_utc <= s.interval_start_utc AND s.interval_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC) AS a
WHERE s.load_batch_id = @load_batch_id;

-- ==== agent_stats.index_stage_keys
CREATE INDEX ix_stage_keys ON #stage_agent_stats (interval_key, agent_key);

-- ==== agent_stats.delete_replaced_measures
DELETE m
FROM dw.fact_agent_interval_measure AS m
WHERE m.source_key = @source_key
  AND m.interval_key >= @from_key AND m.interval_key < @to_key
  AND NOT EXISTS (
      SELECT 1
      FROM #stage_agent_stats AS s
      CROSS APPLY OPENJSON(s.other_measures_json)
        WITH (
            measure_name  nvarchar(128)  '$.name',
            measure_value decimal(19, 3) '$.value'
        ) AS j
      WHERE s.load_batch_id = @load_batch_id
        AND s.interval_key = m.interval_key
        AND s.agent_key = m.agent_key
        AND j.measure_name COLLATE Latin1_General_100_BIN2 = m.measure_name
        AND j.measure_value = m.measure_value);

-- ==== agent_stats.delete_replaced_facts
DELETE f
FROM dw.fact_agent_interval AS f
WHERE f.source_key = @source_key
  AND f.interval_key >= @from_key AND f.interval_key < @to_key
  AND NOT EXISTS (
      SELECT 1
      FROM #stage_agent_stats AS s
      WHERE s.load_batch_id = @load_batch_id
        AND s.interval_key = f.interval_key
        AND s.agent_key = f.agent_key
        AND EXISTS (SELECT s.interval_minutes, s.logged_in_dur_sec, s.available_dur_sec, s.talking_call_dur_sec, s.wrap_up_dur_sec, s.away_dur_sec, s.presented_call_cnt, s.answ_call_cnt, s.transfer_out_call_cnt INTERSECT SELECT f.interval_minutes, f.logged_in_dur_sec, f.available_dur_sec, f.talking_call_dur_sec, f.wrap_up_dur_sec, f.away_dur_sec, f.presented_call_cnt, f.answ_call_cnt, f.transfer_out_call_cnt));

-- ==== agent_stats.insert_new_facts
INSERT INTO dw.fact_agent_interval (source_key, interval_key, agent_key, interval_minutes, logged_in_dur_sec, available_dur_sec, talking_call_dur_sec, wrap_up_dur_sec, away_dur_sec, presented_call_cnt, answ_call_cnt, transfer_out_call_cnt, load_batch_id)
SELECT @source_key, s.interval_key, s.agent_key, s.interval_minutes, s.logged_in_dur_sec, s.available_dur_sec, s.talking_call_dur_sec, s.wrap_up_dur_sec, s.away_dur_sec, s.presented_call_cnt, s.answ_call_cnt, s.transfer_out_call_cnt, @load_batch_id
FROM #stage_agent_stats AS s
WHERE s.load_batch_id = @load_batch_id
  AND NOT EXISTS (
      SELECT 1
      FROM dw.fact_agent_interval AS f
      WHERE f.source_key = @source_key
        AND f.interval_key = s.interval_key
        AND f.agent_key = s.agent_key);

-- ==== agent_stats.insert_new_measures
INSERT INTO dw.fact_agent_interval_measure (source_key, interval_key, agent_key, measure_name, measure_value, load_batch_id)
SELECT @source_key, s.interval_key, s.agent_key, j.measure_name, j.measure_value, @load_batch_id
FROM #stage_agent_stats AS s
CROSS APPLY OPENJSON(s.other_measures_json)
        WITH (
            measure_name  nvarchar(128)  '$.name',
            measure_value decimal(19, 3) '$.value'
        ) AS j
WHERE s.load_batch_id = @load_batch_id
  AND NOT EXISTS (
      SELECT 1
      FROM dw.fact_agent_interval_measure AS m
      WHERE m.source_key = @source_key
        AND m.interval_key = s.interval_key
        AND m.agent_key = s.agent_key
        AND m.measure_name = j.measure_name COLLATE Latin1_General_100_BIN2);

-- ==== agent_stats.clear_stage
DROP TABLE #stage_agent_stats;

-- ==== reference_last_as_of
SELECT MAX(b.window_end_utc)
FROM etl.load_batch AS b
WHERE b.source_key = @source_key
  AND b.report = N'reference'
  AND b.status = 'succeeded';

-- ==== reference_select_agents
SELECT d.agent_key, d.agent_id, d.rc_user_id, d.first_name, d.last_name, d.agent_name, d.user_name, d.email, d.agent_type, d.agent_group_id, d.agent_group_name, d.is_active, d.is_inferred, d.valid_from_utc
FROM dw.dim_agent AS d WITH (UPDLOCK, HOLDLOCK)
WHERE d.source_key = @source_key
  AND d.is_current = 1
ORDER BY d.agent_id;

-- ==== reference_select_agent_supervisors
SELECT b.agent_id, b.supervisor_agent_id, b.valid_from_utc
FROM dw.bridge_agent_supervisor AS b WITH (UPDLOCK, HOLDLOCK)
WHERE b.source_key = @source_key
  AND b.valid_to_utc = @open_until
ORDER BY b.agent_id, b.supervisor_agent_id;

-- ==== reference_insert_agent
DECLARE @keys TABLE (agent_key int NOT NULL);

INSERT INTO dw.dim_agent (source_key, agent_id, rc_user_id, first_name, last_name, agent_name, user_name, email, agent_type, agent_group_id, agent_group_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
OUTPUT inserted.agent_key INTO @keys (agent_key)
VALUES (@source_key, @agent_id, @rc_user_id, @first_name, @last_name, @agent_name, @user_name, @email, @agent_type,
        @agent_group_id, @agent_group_name, @is_active, 0, @valid_from_utc, @open_until, 1);

SELECT k.agent_key FROM @keys AS k;

-- ==== reference_close_agent
UPDATE dw.dim_agent
SET valid_to_utc = @as_of_utc,
    is_current = 0
WHERE agent_key = @agent_key;

-- ==== reference_complete_agent
UPDATE dw.dim_agent
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
UPDATE dw.dim_agent
SET rc_user_id = @rc_user_id,
    user_name = @user_name,
    email = @email
WHERE source_key = @source_key
  AND agent_id = @agent_id;

-- ==== reference_close_agent_supervisor
UPDATE dw.bridge_agent_supervisor
SET valid_to_utc = @as_of_utc
WHERE source_key = @source_key
  AND agent_id = @agent_id
  AND supervisor_agent_id = @supervisor_agent_id
  AND valid_to_utc = @open_until;

-- ==== reference_insert_agent_supervisor
INSERT INTO dw.bridge_agent_supervisor (source_key, agent_id, supervisor_agent_id, valid_from_utc, valid_to_utc)
VALUES (@source_key, @agent_id, @supervisor_agent_id, @valid_from_utc, @open_until);

-- ==== reference_repoint_agent_facts
UPDATE dw.fact_agent_queue_interval
SET agent_key = @new_key
WHERE source_key = @source_key
  AND agent_key = @old_key
  AND interval_key >= @from_key;

UPDATE dw.fact_agent_interval
SET agent_key = @new_key
WHERE source_key = @source_key
  AND agent_key = @old_key
  AND interval_key >= @from_key;

UPDATE dw.fact_agent_interval_measure
SET agent_key = @new_key
WHERE source_key = @source_key
  AND agent_key = @old_key
  AND interval_key >= @from_key;

UPDATE dw.fact_segment
SET agent_key = @new_key
WHERE source_key = @source_key
  AND agent_key = @old_key
  AND segment_start_utc >= @as_of_utc;

-- ==== reference_select_queues
SELECT d.queue_key, d.queue_id, d.queue_name, d.queue_group_id, d.queue_group_name, d.queue_type, d.is_active, d.is_inferred, d.valid_from_utc
FROM dw.dim_queue AS d WITH (UPDLOCK, HOLDLOCK)
WHERE d.source_key = @source_key
  AND d.is_current = 1
ORDER BY d.queue_id;

-- ==== reference_select_queue_agents
SELECT b.queue_id, b.agent_id, b.valid_from_utc
FROM dw.bridge_queue_agent AS b WITH (UPDLOCK, HOLDLOCK)
WHERE b.source_key = @source_key
  AND b.valid_to_utc = @open_until
ORDER BY b.queue_id, b.agent_id;

-- ==== reference_insert_queue
DECLARE @keys TABLE (queue_key int NOT NULL);

INSERT INTO dw.dim_queue (source_key, queue_id, queue_name, queue_group_id, queue_group_name, queue_type, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
OUTPUT inserted.queue_key INTO @keys (queue_key)
VALUES (@source_key, @queue_id, @queue_name, @queue_group_id, @queue_group_name, @queue_type, @is_active, 0,
        @valid_from_utc, @open_until, 1);

SELECT k.queue_key FROM @keys AS k;

-- ==== reference_close_queue
UPDATE dw.dim_queue
SET valid_to_utc = @as_of_utc,
    is_current = 0
WHERE queue_key = @queue_key;

-- ==== reference_complete_queue
UPDATE dw.dim_queue
SET queue_name = @queue_name,
    queue_group_id = @queue_group_id,
    queue_group_name = @queue_group_name,
    queue_type = @queue_type,
    is_active = @is_active,
    is_inferred = 0
WHERE queue_key = @queue_key;

-- ==== reference_close_queue_agent
UPDATE dw.bridge_queue_agent
SET valid_to_utc = @as_of_utc
WHERE source_key = @source_key
  AND queue_id = @queue_id
  AND agent_id = @agent_id
  AND valid_to_utc = @open_until;

-- ==== reference_insert_queue_agent
INSERT INTO dw.bridge_queue_agent (source_key, queue_id, agent_id, valid_from_utc, valid_to_utc)
VALUES (@source_key, @queue_id, @agent_id, @valid_from_utc, @open_until);

-- ==== reference_repoint_queue_facts
UPDATE dw.fact_agent_queue_interval
SET queue_key = @new_key
WHERE source_key = @source_key
  AND queue_key = @old_key
  AND interval_key >= @from_key;

UPDATE dw.fact_queue_interval
SET queue_key = @new_key
WHERE source_key = @source_key
  AND queue_key = @old_key
  AND interval_key >= @from_key;

-- ==== reference_resolve_segment_agents
UPDATE f
SET f.agent_key = a.agent_key,
    f.agent_id = a.agent_id
FROM dw.fact_segment AS f
CROSS APPLY (SELECT TOP (1) d.agent_key, d.agent_id FROM dw.dim_agent AS d WHERE d.source_key = @source_key AND d.rc_user_id = f.rc_user_id AND d.valid_from_utc <= f.segment_start_utc AND f.segment_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC, d.agent_key DESC) AS a
WHERE f.source_key = @source_key
  AND f.agent_key IS NULL
  AND f.rc_user_id IS NOT NULL;

-- ==== claim_batch
INSERT INTO etl.batch_owner (load_batch_id, owner, claimed_utc)
VALUES (@load_batch_id, @owner, @claimed_utc);

-- ==== select_running_batches
SELECT b.load_batch_id, o.owner, b.started_utc
FROM etl.load_batch AS b
LEFT OUTER JOIN etl.batch_owner AS o ON o.load_batch_id = b.load_batch_id
WHERE b.status = 'running'
ORDER BY b.load_batch_id;

-- ==== abandon_batch
UPDATE etl.load_batch
SET status = 'failed',
    rows_loaded = 0,
    error = @error,
    finished_utc = @finished_utc
WHERE load_batch_id = @load_batch_id
  AND status = 'running';

DECLARE @abandoned int = @@ROWCOUNT;

SELECT @load_batch_id AS load_batch_id WHERE @abandoned > 0;

-- ==== select_watermarks
SELECT s.sub_account_id, s.source_name, w.report, w.loaded_through_utc, w.updated_utc
FROM etl.watermark AS w
INNER JOIN dw.dim_source AS s ON s.source_key = w.source_key
ORDER BY s.sub_account_id, w.report;

-- ==== select_batch_summaries
SELECT s.sub_account_id, s.source_name, b.report,
       SUM(CASE WHEN b.status = 'succeeded' THEN 1 ELSE 0 END) AS succeeded_batches,
       SUM(CASE WHEN b.status = 'failed' THEN 1 ELSE 0 END) AS failed_batches,
       SUM(CASE WHEN b.status = 'running' THEN 1 ELSE 0 END) AS running_batches,
       MAX(CASE WHEN b.status = 'succeeded' THEN b.finished_utc END) AS last_success_utc,
       MAX(b.started_utc) AS last_started_utc
FROM etl.load_batch AS b
INNER JOIN dw.dim_source AS s ON s.source_key = b.source_key
GROUP BY s.sub_account_id, s.source_name, b.report
ORDER BY s.sub_account_id, b.report;

-- ==== select_open_failures
SELECT b.load_batch_id, s.sub_account_id, b.report, b.window_start_utc, b.window_end_utc, b.landed_file, b.sha256, b.rows_read, b.rows_loaded, b.status, b.error, b.started_utc, b.finished_utc
FROM etl.load_batch AS b
INNER JOIN dw.dim_source AS s ON s.source_key = b.source_key
WHERE b.status = 'failed'
  AND NOT EXISTS (SELECT 1 FROM etl.batch_dismissal AS d WHERE d.load_batch_id = b.load_batch_id)
  AND NOT EXISTS (
      SELECT 1
      FROM etl.load_batch AS later
      WHERE later.source_key = b.source_key
        AND later.report = b.report
        AND later.status = 'succeeded'
        AND later.load_batch_id > b.load_batch_id
        AND ((b.window_start_utc IS NOT NULL AND later.window_start_utc <= b.window_start_utc AND later.window_end_utc >= b.window_end_utc)
             OR (b.window_start_utc IS NULL AND later.landed_file = b.landed_file)))
ORDER BY b.load_batch_id;

-- ==== select_loaded_windows
SELECT b.window_start_utc, b.window_end_utc
FROM etl.load_batch AS b
INNER JOIN dw.dim_source AS s ON s.source_key = b.source_key
WHERE s.sub_account_id = @sub_account_id
  AND b.report = @report
  AND b.status = 'succeeded'
  AND b.window_start_utc < @to_utc
  AND b.window_end_utc > @from_utc
ORDER BY b.window_start_utc;

-- ==== record_failed_window
UPDATE dw.dim_source
SET source_name = @source_name
WHERE sub_account_id = @sub_account_id
  AND @source_name IS NOT NULL
  AND (source_name IS NULL OR source_name <> @source_name COLLATE Latin1_General_100_BIN2);

IF NOT EXISTS (SELECT 1 FROM dw.dim_source WITH (UPDLOCK, HOLDLOCK) WHERE sub_account_id = @sub_account_id)
    INSERT INTO dw.dim_source (sub_account_id, source_name) VALUES (@sub_account_id, @source_name);

DECLARE @failed TABLE (load_batch_id bigint NOT NULL);

INSERT INTO etl.load_batch (source_key, report, window_start_utc, window_end_utc, landed_file, rows_loaded, status, error, started_utc, finished_utc)
OUTPUT inserted.load_batch_id INTO @failed (load_batch_id)
SELECT s.source_key, @report, @window_start_utc, @window_end_utc, @landed_file, 0, 'failed', @error, @started_utc, @finished_utc
FROM dw.dim_source AS s
WHERE s.sub_account_id = @sub_account_id;

SELECT f.load_batch_id FROM @failed AS f;

-- ==== dismiss_failures
INSERT INTO etl.batch_dismissal (load_batch_id, reason, dismissed_utc)
SELECT f.load_batch_id, @reason, @dismissed_utc
FROM etl.load_batch AS chosen
INNER JOIN etl.load_batch AS f
    ON f.source_key = chosen.source_key
   AND f.report = chosen.report
   AND f.status = 'failed'
   AND ((chosen.window_start_utc IS NOT NULL AND f.window_start_utc = chosen.window_start_utc AND f.window_end_utc = chosen.window_end_utc)
        OR (chosen.window_start_utc IS NULL AND f.window_start_utc IS NULL AND f.landed_file = chosen.landed_file))
WHERE chosen.load_batch_id = @load_batch_id
  AND chosen.status = 'failed'
  AND NOT EXISTS (SELECT 1 FROM etl.batch_dismissal AS d WHERE d.load_batch_id = f.load_batch_id);

-- ==== select_dismissed_failures
SELECT b.load_batch_id, s.sub_account_id, b.report, b.window_start_utc, b.window_end_utc, b.landed_file, b.sha256, b.rows_read, b.rows_loaded, b.status, b.error, b.started_utc, b.finished_utc, d.reason, d.dismissed_utc
FROM etl.load_batch AS b
INNER JOIN dw.dim_source AS s ON s.source_key = b.source_key
INNER JOIN etl.batch_dismissal AS d ON d.load_batch_id = b.load_batch_id
ORDER BY b.load_batch_id;

-- ==== rate_limit_session
SET LOCK_TIMEOUT 5000;

-- ==== rate_limit_acquire_lock
DECLARE @lock_result int;
EXEC @lock_result = sys.sp_getapplock
    @Resource = @resource,
    @LockMode = N'Exclusive',
    @LockOwner = N'Transaction',
    @LockTimeout = @lock_timeout_ms;
IF @lock_result < 0
BEGIN
    DECLARE @lock_message nvarchar(2048) = CONCAT(N'Could not take the rate-limit lock ', @resource, N' (sp_getapplock returned ', @lock_result, N').');
    THROW 50002, @lock_message, 1;
END;

-- ==== rate_limit_select_grants
SELECT granted_utc
FROM etl.rate_limit_grant
WHERE budget_key = @budget_key
  AND granted_utc > @since_utc
ORDER BY granted_utc;

-- ==== rate_limit_select_block
SELECT blocked_until_utc
FROM etl.rate_limit_block
WHERE budget_key = @budget_key
  AND blocked_until_utc > @now_utc;

-- ==== rate_limit_insert_grant
INSERT INTO etl.rate_limit_grant (budget_key, granted_utc, holder)
VALUES (@budget_key, @granted_utc, @holder);

-- ==== rate_limit_prune_grants
DELETE FROM etl.rate_limit_grant
WHERE budget_key = @budget_key
  AND granted_utc <= @before_utc;

-- ==== rate_limit_block
UPDATE etl.rate_limit_block
SET blocked_until_utc = @blocked_until_utc,
    reason = @reason,
    holder = @holder,
    recorded_utc = @recorded_utc
WHERE budget_key = @budget_key
  AND blocked_until_utc < @blocked_until_utc;

IF NOT EXISTS (SELECT 1 FROM etl.rate_limit_block WHERE budget_key = @budget_key)
    INSERT INTO etl.rate_limit_block (budget_key, blocked_until_utc, reason, holder, recorded_utc)
    VALUES (@budget_key, @blocked_until_utc, @reason, @holder, @recorded_utc);

-- ==== verify_select_sources
SELECT source_key, sub_account_id, source_name
FROM dw.dim_source
ORDER BY sub_account_id;

-- ==== verify_select_report_spans
SELECT b.report, MIN(b.window_start_utc) AS first_window_start_utc, MAX(w.loaded_through_utc) AS watermark_utc
FROM etl.load_batch AS b
LEFT OUTER JOIN etl.watermark AS w ON w.source_key = b.source_key AND w.report = b.report
WHERE b.source_key = @source_key
  AND b.status = 'succeeded'
  AND b.report <> 'reference'
  AND b.window_start_utc IS NOT NULL
GROUP BY b.report
ORDER BY b.report;

-- ==== verify_select_batch_windows
SELECT b.report, b.load_batch_id, b.window_start_utc, b.window_end_utc, b.started_utc
FROM etl.load_batch AS b
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
        FROM dw.fact_agent_queue_interval AS f
        WHERE f.source_key = @source_key
          AND f.interval_key >= @from_key
          AND f.interval_key < @to_key
        UNION ALL
        SELECT f.interval_key, f.queue_key, 0, 0, f.answ_call_cnt, f.talking_call_dur_sec
        FROM dw.fact_queue_interval AS f
        WHERE f.source_key = @source_key
          AND f.interval_key >= @from_key
          AND f.interval_key < @to_key
    ) AS x
    GROUP BY x.interval_key, x.queue_key
    HAVING SUM(x.agent_answ_call_cnt) <> SUM(x.queue_answ_call_cnt)
        OR SUM(x.agent_talking_call_dur_sec) <> SUM(x.queue_talking_call_dur_sec)
) AS d
INNER JOIN dw.dim_queue AS q ON q.queue_key = d.queue_key
ORDER BY d.interval_key, q.queue_id;

-- ==== verify_compare_segment_intervals
SELECT x.interval_key, SUM(x.answ_call_cnt) AS answ_call_cnt, SUM(x.segment_cnt) AS segment_cnt
FROM (
    SELECT f.interval_key, f.answ_call_cnt, 0 AS segment_cnt
    FROM dw.fact_queue_interval AS f
    WHERE f.source_key = @source_key
      AND f.interval_key >= @from_key
      AND f.interval_key < @to_key
    UNION ALL
    SELECT CAST(YEAR(s.call_start_utc) AS bigint) * 100000000 + MONTH(s.call_start_utc) * 1000000 + DAY(s.call_start_utc) * 10000
           + DATEPART(hour, s.call_start_utc) * 100 + DATEPART(minute, s.call_start_utc) / 15 * 15,
           0, 1
    FROM (
        SELECT COALESCE(g.interaction_start_utc, g.segment_start_utc) AS call_start_utc
        FROM dw.fact_segment AS g
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
        FROM dw.fact_agent_interval AS f
        INNER JOIN dw.dim_agent AS a ON a.agent_key = f.agent_key
        WHERE f.source_key = @source_key
          AND f.interval_key >= @from_key
          AND f.interval_key < @to_key
        UNION ALL
        SELECT f.interval_key, a.agent_id, a.agent_name, 0, NULL, NULL, NULL,
               f.talking_call_dur_sec, f.wrap_up_dur_sec, f.answ_call_cnt
        FROM dw.fact_agent_queue_interval AS f
        INNER JOIN dw.dim_agent AS a ON a.agent_key = f.agent_key
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
SELECT x.report, x.member, x.member_id, COUNT_BIG(*) AS fact_cnt, MIN(x.interval_key) AS first_interval_key
FROM (
    SELECT 'agent-extended' AS report, 'agent' AS member, a.agent_id AS member_id, f.interval_key
    FROM dw.fact_agent_queue_interval AS f
    INNER JOIN dw.dim_agent AS a ON a.agent_key = f.agent_key
    WHERE f.source_key = @source_key AND f.interval_key >= @from_key AND f.interval_key < @to_key AND a.is_inferred = 1
    UNION ALL
    SELECT 'agent-extended', 'queue', q.queue_id, f.interval_key
    FROM dw.fact_agent_queue_interval AS f
    INNER JOIN dw.dim_queue AS q ON q.queue_key = f.queue_key
    WHERE f.source_key = @source_key AND f.interval_key >= @from_key AND f.interval_key < @to_key AND q.is_inferred = 1
    UNION ALL
    SELECT 'queue-stats', 'queue', q.queue_id, f.interval_key
    FROM dw.fact_queue_interval AS f
    INNER JOIN dw.dim_queue AS q ON q.queue_key = f.queue_key
    WHERE f.source_key = @source_key AND f.interval_key >= @from_key AND f.interval_key < @to_key AND q.is_inferred = 1
    UNION ALL
    SELECT 'agent-stats', 'agent', a.agent_id, f.interval_key
    FROM dw.fact_agent_interval AS f
    INNER JOIN dw.dim_agent AS a ON a.agent_key = f.agent_key
    WHERE f.source_key = @source_key AND f.interval_key >= @from_key AND f.interval_key < @to_key AND a.is_inferred = 1
    UNION ALL
    SELECT 'segments', 'agent', a.agent_id, g.interval_key
    FROM dw.fact_segment AS g
    INNER JOIN dw.dim_agent AS a ON a.agent_key = g.agent_key
    WHERE g.source_key = @source_key AND g.interval_key >= @from_key AND g.interval_key < @to_key AND a.is_inferred = 1
) AS x
GROUP BY x.report, x.member, x.member_id
ORDER BY x.report, x.member, x.member_id;

-- ==== recording_select_pending
SELECT TOP (@limit)
       s.source_key, d.sub_account_id, d.source_name, s.interaction_id, s.segment_id, s.dialog_id, s.recording_url,
       s.segment_start_utc, s.segment_end_utc,
       CASE WHEN s.has_recording = 1 AND r.segment_id IS NULL AND COALESCE(fa.attempts, 0) < @max_attempts THEN 1 ELSE 0 END AS needs_audio,
       CASE WHEN s.has_transcript = 1 AND t.segment_id IS NULL AND COALESCE(ft.attempts, 0) < @max_attempts THEN 1 ELSE 0 END AS needs_transcript
FROM dw.fact_segment AS s
INNER JOIN dw.dim_source AS d ON d.source_key = s.source_key
LEFT OUTER JOIN dw.fact_recording AS r
    ON r.source_key = s.source_key AND r.interaction_id = s.interaction_id AND r.segment_id = s.segment_id
LEFT OUTER JOIN dw.fact_transcript AS t
    ON t.source_key = s.source_key AND t.interaction_id = s.interaction_id AND t.segment_id = s.segment_id
LEFT OUTER JOIN etl.recording_failure AS fa
    ON fa.source_key = s.source_key AND fa.interaction_id = s.interaction_id AND fa.segment_id = s.segment_id AND fa.artifact = 'audio'
LEFT OUTER JOIN etl.recording_failure AS ft
    ON ft.source_key = s.source_key AND ft.interaction_id = s.interaction_id AND ft.segment_id = s.segment_id AND ft.artifact = 'transcript'
WHERE s.segment_end_utc >= @ended_after_utc
  AND s.segment_end_utc <= @ended_before_utc
  AND ((s.has_recording = 1 AND r.segment_id IS NULL AND COALESCE(fa.attempts, 0) < @max_attempts)
    OR (s.has_transcript = 1 AND t.segment_id IS NULL AND COALESCE(ft.attempts, 0) < @max_attempts))
ORDER BY s.segment_end_utc, s.source_key, s.interaction_id, s.segment_id;

-- ==== recording_select_pending_sub_account
SELECT TOP (@limit)
       s.source_key, d.sub_account_id, d.source_name, s.interaction_id, s.segment_id, s.dialog_id, s.recording_url,
       s.segment_start_utc, s.segment_end_utc,
       CASE WHEN s.has_recording = 1 AND r.segment_id IS NULL AND COALESCE(fa.attempts, 0) < @max_attempts THEN 1 ELSE 0 END AS needs_audio,
       CASE WHEN s.has_transcript = 1 AND t.segment_id IS NULL AND COALESCE(ft.attempts, 0) < @max_attempts THEN 1 ELSE 0 END AS needs_transcript
FROM dw.fact_segment AS s
INNER JOIN dw.dim_source AS d ON d.source_key = s.source_key
LEFT OUTER JOIN dw.fact_recording AS r
    ON r.source_key = s.source_key AND r.interaction_id = s.interaction_id AND r.segment_id = s.segment_id
LEFT OUTER JOIN dw.fact_transcript AS t
    ON t.source_key = s.source_key AND t.interaction_id = s.interaction_id AND t.segment_id = s.segment_id
LEFT OUTER JOIN etl.recording_failure AS fa
    ON fa.source_key = s.source_key AND fa.interaction_id = s.interaction_id AND fa.segment_id = s.segment_id AND fa.artifact = 'audio'
LEFT OUTER JOIN etl.recording_failure AS ft
    ON ft.source_key = s.source_key AND ft.interaction_id = s.interaction_id AND ft.segment_id = s.segment_id AND ft.artifact = 'transcript'
WHERE d.sub_account_id = @sub_account_id
  AND s.segment_end_utc >= @ended_after_utc
  AND s.segment_end_utc <= @ended_before_utc
  AND ((s.has_recording = 1 AND r.segment_id IS NULL AND COALESCE(fa.attempts, 0) < @max_attempts)
    OR (s.has_transcript = 1 AND t.segment_id IS NULL AND COALESCE(ft.attempts, 0) < @max_attempts))
ORDER BY s.segment_end_utc, s.source_key, s.interaction_id, s.segment_id;

-- ==== recording_insert
INSERT INTO dw.fact_recording (
    source_key, interaction_id, segment_id, dialog_id, segment_start_utc, file_path, sha256, byte_count,
    duration_ms, sample_rate_hz, channel_count, content_type, fetched_utc, pruned_utc)
SELECT @source_key, @interaction_id, @segment_id, @dialog_id, @segment_start_utc, @file_path, @sha256, @byte_count,
       @duration_ms, @sample_rate_hz, @channel_count, @content_type, @fetched_utc, NULL
WHERE NOT EXISTS (
    SELECT 1
    FROM dw.fact_recording WITH (UPDLOCK, HOLDLOCK)
    WHERE source_key = @source_key
      AND interaction_id = @interaction_id
      AND segment_id = @segment_id);

-- ==== transcript_insert
INSERT INTO dw.fact_transcript (
    source_key, interaction_id, segment_id, file_path, sha256, byte_count, content_type, transcript_text, fetched_utc)
SELECT @source_key, @interaction_id, @segment_id, @file_path, @sha256, @byte_count, @content_type, @transcript_text, @fetched_utc
WHERE NOT EXISTS (
    SELECT 1
    FROM dw.fact_transcript WITH (UPDLOCK, HOLDLOCK)
    WHERE source_key = @source_key
      AND interaction_id = @interaction_id
      AND segment_id = @segment_id);

-- ==== recording_clear_failure
DELETE FROM etl.recording_failure
WHERE source_key = @source_key
  AND interaction_id = @interaction_id
  AND segment_id = @segment_id
  AND artifact = @artifact;

-- ==== recording_record_failure
UPDATE etl.recording_failure WITH (UPDLOCK, HOLDLOCK)
SET attempts = attempts + 1,
    error = @error,
    last_failed_utc = @failed_utc
WHERE source_key = @source_key
  AND interaction_id = @interaction_id
  AND segment_id = @segment_id
  AND artifact = @artifact;

IF @@ROWCOUNT = 0
    INSERT INTO etl.recording_failure (source_key, interaction_id, segment_id, artifact, attempts, error, first_failed_utc, last_failed_utc)
    VALUES (@source_key, @interaction_id, @segment_id, @artifact, 1, @error, @failed_utc, @failed_utc);

-- ==== recording_select_failures
SELECT TOP (@limit)
       d.sub_account_id, d.source_name, f.interaction_id, f.segment_id, f.artifact, f.attempts, f.error,
       f.first_failed_utc, f.last_failed_utc
FROM etl.recording_failure AS f
INNER JOIN dw.dim_source AS d ON d.source_key = f.source_key
ORDER BY f.last_failed_utc DESC, f.source_key, f.interaction_id, f.segment_id, f.artifact;

-- ==== recording_count_failures
SELECT COUNT(*) AS failing,
       COALESCE(SUM(CASE WHEN f.attempts >= @max_attempts THEN 1 ELSE 0 END), 0) AS given_up
FROM etl.recording_failure AS f;

-- ==== recording_select_prune_candidates
SELECT r.source_key, r.interaction_id, r.segment_id, r.file_path, r.sha256,
       CASE WHEN EXISTS (
           SELECT 1
           FROM dw.fact_recording AS other
           WHERE other.sha256 = r.sha256
             AND other.pruned_utc IS NULL
             AND other.segment_start_utc >= @cutoff_utc) THEN 1 ELSE 0 END AS file_still_needed
FROM dw.fact_recording AS r
WHERE r.pruned_utc IS NULL
  AND r.segment_start_utc < @cutoff_utc
ORDER BY r.segment_start_utc, r.source_key, r.interaction_id, r.segment_id;

-- ==== recording_mark_pruned
UPDATE dw.fact_recording
SET pruned_utc = @pruned_utc
WHERE source_key = @source_key
  AND interaction_id = @interaction_id
  AND segment_id = @segment_id
  AND pruned_utc IS NULL;
