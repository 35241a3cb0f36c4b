-- RcWarehouse schema for SQLite: the same logical tables as sql/sqlserver/0001_initial.sql, with bare names
-- (no schemas). Types follow one convention so both engines answer the same queries:
--   ids and names TEXT; counts INTEGER; durations NUMERIC (integral values read back as INTEGER);
--   UTC times TEXT 'yyyy-MM-dd HH:mm:ss.fff' (sorts and compares like the instant it names); flags INTEGER 0/1.
-- The migrator runs this whole file in one transaction; it must not contain BEGIN/COMMIT itself.

CREATE TABLE dim_source (
    source_key       INTEGER PRIMARY KEY AUTOINCREMENT,
    source_name      TEXT NULL,
    main_account_id  TEXT NULL,
    sub_account_id   TEXT NOT NULL,
    sub_account_name TEXT NULL
);
CREATE UNIQUE INDEX ux_dim_source_sub_account_id ON dim_source (sub_account_id);

CREATE TABLE dim_agent (
    agent_key        INTEGER PRIMARY KEY AUTOINCREMENT,
    source_key       INTEGER NOT NULL REFERENCES dim_source (source_key),
    agent_id         TEXT NOT NULL,
    rc_user_id       TEXT NULL,
    first_name       TEXT NULL,
    last_name        TEXT NULL,
    agent_name       TEXT NULL,
    user_name        TEXT NULL,
    email            TEXT NULL,
    agent_type       TEXT NULL,
    agent_group_id   TEXT NULL,
    agent_group_name TEXT NULL,
    is_active        INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    is_inferred      INTEGER NOT NULL DEFAULT 0 CHECK (is_inferred IN (0, 1)),
    valid_from_utc   TEXT NOT NULL,
    valid_to_utc     TEXT NOT NULL,
    is_current       INTEGER NOT NULL CHECK (is_current IN (0, 1)),
    CHECK (valid_from_utc < valid_to_utc)
);
CREATE UNIQUE INDEX ux_dim_agent_version ON dim_agent (source_key, agent_id, valid_from_utc);
CREATE UNIQUE INDEX ux_dim_agent_current ON dim_agent (source_key, agent_id) WHERE is_current = 1;

CREATE TABLE bridge_agent_supervisor (
    source_key          INTEGER NOT NULL REFERENCES dim_source (source_key),
    agent_id            TEXT NOT NULL,
    supervisor_agent_id TEXT NOT NULL,
    valid_from_utc      TEXT NOT NULL,
    valid_to_utc        TEXT NOT NULL,
    PRIMARY KEY (source_key, agent_id, supervisor_agent_id, valid_from_utc),
    CHECK (valid_from_utc < valid_to_utc)
);

CREATE TABLE dim_queue (
    queue_key        INTEGER PRIMARY KEY AUTOINCREMENT,
    source_key       INTEGER NOT NULL REFERENCES dim_source (source_key),
    queue_id         TEXT NOT NULL,
    queue_name       TEXT NULL,
    queue_group_id   TEXT NULL,
    queue_group_name TEXT NULL,
    queue_type       TEXT NULL,
    is_active        INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    is_inferred      INTEGER NOT NULL DEFAULT 0 CHECK (is_inferred IN (0, 1)),
    valid_from_utc   TEXT NOT NULL,
    valid_to_utc     TEXT NOT NULL,
    is_current       INTEGER NOT NULL CHECK (is_current IN (0, 1)),
    CHECK (valid_from_utc < valid_to_utc)
);
CREATE UNIQUE INDEX ux_dim_queue_version ON dim_queue (source_key, queue_id, valid_from_utc);
CREATE UNIQUE INDEX ux_dim_queue_current ON dim_queue (source_key, queue_id) WHERE is_current = 1;

CREATE TABLE bridge_queue_agent (
    source_key     INTEGER NOT NULL REFERENCES dim_source (source_key),
    queue_id       TEXT NOT NULL,
    agent_id       TEXT NOT NULL,
    valid_from_utc TEXT NOT NULL,
    valid_to_utc   TEXT NOT NULL,
    PRIMARY KEY (source_key, queue_id, agent_id, valid_from_utc),
    CHECK (valid_from_utc < valid_to_utc)
);

CREATE TABLE dim_interval (
    interval_key INTEGER NOT NULL PRIMARY KEY,
    start_utc    TEXT NOT NULL,
    local_start  TEXT NOT NULL,
    local_date   TEXT NOT NULL,
    local_time   TEXT NOT NULL,
    local_hour   INTEGER NOT NULL,
    day_of_week  INTEGER NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    is_weekend   INTEGER NOT NULL CHECK (is_weekend IN (0, 1))
);
CREATE UNIQUE INDEX ux_dim_interval_start_utc ON dim_interval (start_utc);

CREATE TABLE load_batch (
    load_batch_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    source_key       INTEGER NOT NULL REFERENCES dim_source (source_key),
    report           TEXT NOT NULL,
    window_start_utc TEXT NULL,
    window_end_utc   TEXT NULL,
    landed_file      TEXT NULL,
    sha256           TEXT NULL,
    rows_read        INTEGER NULL,
    rows_loaded      INTEGER NULL,
    status           TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    error            TEXT NULL,
    started_utc      TEXT NOT NULL,
    finished_utc     TEXT NULL
);
CREATE INDEX ix_load_batch_source_report ON load_batch (source_key, report, load_batch_id);

CREATE TABLE watermark (
    source_key         INTEGER NOT NULL REFERENCES dim_source (source_key),
    report             TEXT NOT NULL,
    loaded_through_utc TEXT NOT NULL,
    updated_utc        TEXT NOT NULL,
    PRIMARY KEY (source_key, report)
);

-- Facts: the primary key is the grain, led by (source_key, interval_key) because publishing replaces interval ranges.
CREATE TABLE fact_agent_queue_interval (
    source_key            INTEGER NOT NULL REFERENCES dim_source (source_key),
    interval_key          INTEGER NOT NULL REFERENCES dim_interval (interval_key),
    agent_key             INTEGER NOT NULL REFERENCES dim_agent (agent_key),
    queue_key             INTEGER NOT NULL REFERENCES dim_queue (queue_key),
    interval_minutes      INTEGER NOT NULL,
    talking_call_dur_sec  NUMERIC NOT NULL,
    wrap_up_dur_sec       NUMERIC NOT NULL,
    answ_call_cnt         INTEGER NOT NULL,
    transfer_out_call_cnt INTEGER NOT NULL,
    load_batch_id         INTEGER NOT NULL REFERENCES load_batch (load_batch_id),
    PRIMARY KEY (source_key, interval_key, agent_key, queue_key)
);

CREATE TABLE fact_queue_interval (
    source_key                       INTEGER NOT NULL REFERENCES dim_source (source_key),
    interval_key                     INTEGER NOT NULL REFERENCES dim_interval (interval_key),
    queue_key                        INTEGER NOT NULL REFERENCES dim_queue (queue_key),
    interval_minutes                 INTEGER NOT NULL,
    offd_direct_call_cnt             INTEGER NOT NULL,
    overflow_in_call_cnt             INTEGER NOT NULL,
    aband_call_cnt                   INTEGER NOT NULL,
    overflow_out_call_cnt            INTEGER NOT NULL,
    answ_call_cnt                    INTEGER NOT NULL,
    queued_and_answ_call_dur_sec     NUMERIC NOT NULL,
    queued_and_aband_call_dur_sec    NUMERIC NOT NULL,
    talking_call_dur_sec             NUMERIC NOT NULL,
    wrap_up_dur_sec                  NUMERIC NOT NULL,
    queued_answ_longest_que_dur_sec  NUMERIC NOT NULL,
    queued_aband_longest_que_dur_sec NUMERIC NOT NULL,
    ans_servicelevel_cnt             INTEGER NOT NULL,
    wait_dur_sec                     NUMERIC NOT NULL,
    aband_short_call_cnt             INTEGER NOT NULL,
    aband_within_sl_cnt              INTEGER NOT NULL,
    completed_contacts               INTEGER NULL,
    segment_hold_time_ms             INTEGER NULL,
    load_batch_id                    INTEGER NOT NULL REFERENCES load_batch (load_batch_id),
    PRIMARY KEY (source_key, interval_key, queue_key)
);

CREATE TABLE fact_segment (
    source_key              INTEGER NOT NULL REFERENCES dim_source (source_key),
    interaction_id          TEXT NOT NULL,
    segment_id              TEXT NOT NULL,
    dialog_id               TEXT NULL,
    interval_key            INTEGER NOT NULL REFERENCES dim_interval (interval_key),
    agent_key               INTEGER NULL REFERENCES dim_agent (agent_key),
    agent_id                TEXT NULL,
    rc_user_id              TEXT NULL,
    agent_group_id          TEXT NULL,
    segment_type            TEXT NULL,
    channel_type            TEXT NULL,
    channel_class           TEXT NULL,
    direction               TEXT NULL,
    interaction_start_utc   TEXT NULL,
    interaction_duration_ms INTEGER NULL,
    segment_start_utc       TEXT NOT NULL,
    segment_end_utc         TEXT NULL,
    segment_duration_ms     INTEGER NULL,
    calling_address         TEXT NULL,
    called_address          TEXT NULL,
    recording_url           TEXT NULL,
    has_recording           INTEGER NOT NULL CHECK (has_recording IN (0, 1)),
    has_transcript          INTEGER NOT NULL CHECK (has_transcript IN (0, 1)),
    system_disposition      TEXT NULL,
    agent_disposition       TEXT NULL,
    agent_notes             TEXT NULL,
    load_batch_id           INTEGER NOT NULL REFERENCES load_batch (load_batch_id),
    PRIMARY KEY (source_key, interaction_id, segment_id)
);
CREATE INDEX ix_fact_segment_interval ON fact_segment (source_key, interval_key);

CREATE TABLE fact_segment_event (
    source_key            INTEGER NOT NULL,
    interaction_id        TEXT NOT NULL,
    segment_id            TEXT NOT NULL,
    event_seq             INTEGER NOT NULL,
    event_type            TEXT NOT NULL,
    event_time_utc        TEXT NULL,
    client_event_time_utc TEXT NULL,
    load_batch_id         INTEGER NOT NULL REFERENCES load_batch (load_batch_id),
    PRIMARY KEY (source_key, interaction_id, segment_id, event_seq),
    FOREIGN KEY (source_key, interaction_id, segment_id) REFERENCES fact_segment (source_key, interaction_id, segment_id)
);

-- Staging: one table per report, keyed by the batch that wrote the rows. The loader fills them and empties them again
-- inside the publish transaction, so between batches they hold nothing. Columns after load_batch_id follow the staging
-- layouts in src/RcWarehouse.Warehouse/Staging (one description for both engines); agent_key / queue_key are filled by
-- the publish step's point-in-time lookup, is_unchanged marks segments identical to the published ones.
CREATE TABLE stage_agent_extended (
    load_batch_id         INTEGER NOT NULL,
    interval_key          INTEGER NOT NULL,
    interval_start_utc    TEXT NOT NULL,
    interval_minutes      INTEGER NOT NULL,
    agent_id              TEXT NULL,
    agent_name            TEXT NULL,
    queue_id              TEXT NULL,
    queue_name            TEXT NULL,
    talking_call_dur_sec  NUMERIC NOT NULL,
    wrap_up_dur_sec       NUMERIC NOT NULL,
    answ_call_cnt         INTEGER NOT NULL,
    transfer_out_call_cnt INTEGER NOT NULL,
    agent_key             INTEGER NULL,
    queue_key             INTEGER NULL
);
-- The publish step looks staged rows up by their grain (NOT EXISTS probes per published fact); without these
-- indexes each probe would scan the whole batch.
CREATE INDEX ix_stage_agent_extended_grain ON stage_agent_extended (load_batch_id, interval_key, agent_key, queue_key);

CREATE TABLE stage_queue_stats (
    load_batch_id                    INTEGER NOT NULL,
    interval_key                     INTEGER NOT NULL,
    interval_start_utc               TEXT NOT NULL,
    interval_minutes                 INTEGER NOT NULL,
    queue_id                         TEXT NULL,
    queue_name                       TEXT NULL,
    offd_direct_call_cnt             INTEGER NOT NULL,
    overflow_in_call_cnt             INTEGER NOT NULL,
    aband_call_cnt                   INTEGER NOT NULL,
    overflow_out_call_cnt            INTEGER NOT NULL,
    answ_call_cnt                    INTEGER NOT NULL,
    queued_and_answ_call_dur_sec     NUMERIC NOT NULL,
    queued_and_aband_call_dur_sec    NUMERIC NOT NULL,
    talking_call_dur_sec             NUMERIC NOT NULL,
    wrap_up_dur_sec                  NUMERIC NOT NULL,
    queued_answ_longest_que_dur_sec  NUMERIC NOT NULL,
    queued_aband_longest_que_dur_sec NUMERIC NOT NULL,
    ans_servicelevel_cnt             INTEGER NOT NULL,
    wait_dur_sec                     NUMERIC NOT NULL,
    aband_short_call_cnt             INTEGER NOT NULL,
    aband_within_sl_cnt              INTEGER NOT NULL,
    completed_contacts               INTEGER NULL,
    segment_hold_time_ms             INTEGER NULL,
    queue_key                        INTEGER NULL
);
CREATE INDEX ix_stage_queue_stats_grain ON stage_queue_stats (load_batch_id, interval_key, queue_key);

CREATE TABLE stage_segment (
    load_batch_id           INTEGER NOT NULL,
    interaction_id          TEXT NULL,
    segment_id              TEXT NULL,
    dialog_id               TEXT NULL,
    interval_key            INTEGER NOT NULL,
    agent_id                TEXT NULL,
    rc_user_id              TEXT NULL,
    agent_group_id          TEXT NULL,
    segment_type            TEXT NULL,
    channel_type            TEXT NULL,
    channel_class           TEXT NULL,
    direction               TEXT NULL,
    interaction_start_utc   TEXT NULL,
    interaction_duration_ms INTEGER NULL,
    segment_start_utc       TEXT NOT NULL,
    segment_end_utc         TEXT NULL,
    segment_duration_ms     INTEGER NULL,
    calling_address         TEXT NULL,
    called_address          TEXT NULL,
    recording_url           TEXT NULL,
    has_recording           INTEGER NOT NULL,
    has_transcript          INTEGER NOT NULL,
    system_disposition      TEXT NULL,
    agent_disposition       TEXT NULL,
    agent_notes             TEXT NULL,
    events_json             TEXT NULL,
    agent_key               INTEGER NULL,
    is_unchanged            INTEGER NULL
);
CREATE INDEX ix_stage_segment_grain ON stage_segment (load_batch_id, interaction_id, segment_id);
