-- Agent statistics (issue 13): how each agent spent each interval. The report's fields are not public, so every
-- measure column is nullable (a file without it still loads) and every other numeric field of a row is kept by name in
-- fact_agent_interval_measure, replaced together with the facts of its interval. See docs/bi.md, "Agent statistics".
CREATE TABLE fact_agent_interval (
    source_key            INTEGER NOT NULL REFERENCES dim_source (source_key),
    interval_key          INTEGER NOT NULL REFERENCES dim_interval (interval_key),
    agent_key             INTEGER NOT NULL REFERENCES dim_agent (agent_key),
    interval_minutes      INTEGER NOT NULL,
    logged_in_dur_sec     NUMERIC NULL,
    available_dur_sec     NUMERIC NULL,
    talking_call_dur_sec  NUMERIC NULL,
    wrap_up_dur_sec       NUMERIC NULL,
    away_dur_sec          NUMERIC NULL,
    presented_call_cnt    INTEGER NULL,
    answ_call_cnt         INTEGER NULL,
    transfer_out_call_cnt INTEGER NULL,
    load_batch_id         INTEGER NOT NULL REFERENCES load_batch (load_batch_id),
    PRIMARY KEY (source_key, interval_key, agent_key)
);

-- Same grain plus the measure's name (snake_case, as OtherMeasureRules stores it). No foreign key to the fact: a
-- fact whose known measures changed is replaced while its unchanged other measures stay, and both are replaced by the
-- same covered interval range.
CREATE TABLE fact_agent_interval_measure (
    source_key    INTEGER NOT NULL REFERENCES dim_source (source_key),
    interval_key  INTEGER NOT NULL REFERENCES dim_interval (interval_key),
    agent_key     INTEGER NOT NULL REFERENCES dim_agent (agent_key),
    measure_name  TEXT NOT NULL,
    measure_value NUMERIC NOT NULL,
    load_batch_id INTEGER NOT NULL REFERENCES load_batch (load_batch_id),
    PRIMARY KEY (source_key, interval_key, agent_key, measure_name)
);

-- Defines the columns of each batch's TEMP stage (it holds no rows). other_measures_json carries a row's other
-- measures as [{"name":"...","value":n}], unpacked by the publish (json_each).
CREATE TABLE stage_agent_stats (
    load_batch_id         INTEGER NOT NULL,
    interval_key          INTEGER NOT NULL,
    interval_start_utc    TEXT NOT NULL,
    interval_minutes      INTEGER NOT NULL,
    agent_id              TEXT NULL,
    agent_name            TEXT NULL,
    logged_in_dur_sec     NUMERIC NULL,
    available_dur_sec     NUMERIC NULL,
    talking_call_dur_sec  NUMERIC NULL,
    wrap_up_dur_sec       NUMERIC NULL,
    away_dur_sec          NUMERIC NULL,
    presented_call_cnt    INTEGER NULL,
    answ_call_cnt         INTEGER NULL,
    transfer_out_call_cnt INTEGER NULL,
    other_measures_json   TEXT NULL,
    agent_key             INTEGER NULL
);
