-- Agent statistics (issue 13): how each agent spent each interval. The report's fields are not public, so every
-- measure column is nullable (a file without it still loads) and every other numeric field of a row is kept by name in
-- dw.fact_agent_interval_measure, replaced together with the facts of its interval. See docs/bi.md, "Agent statistics".
CREATE TABLE dw.fact_agent_interval (
    source_key            int NOT NULL,
    interval_key          bigint NOT NULL,
    agent_key             int NOT NULL,
    interval_minutes      int NOT NULL,
    logged_in_dur_sec     decimal(19, 3) NULL,
    available_dur_sec     decimal(19, 3) NULL,
    talking_call_dur_sec  decimal(19, 3) NULL,
    wrap_up_dur_sec       decimal(19, 3) NULL,
    away_dur_sec          decimal(19, 3) NULL,
    presented_call_cnt    bigint NULL,
    answ_call_cnt         bigint NULL,
    transfer_out_call_cnt bigint NULL,
    load_batch_id         bigint NOT NULL,
    CONSTRAINT PK_fact_agent_interval PRIMARY KEY CLUSTERED (source_key, interval_key, agent_key),
    CONSTRAINT FK_fact_agent_interval_dim_source FOREIGN KEY (source_key) REFERENCES dw.dim_source (source_key),
    CONSTRAINT FK_fact_agent_interval_dim_interval FOREIGN KEY (interval_key) REFERENCES dw.dim_interval (interval_key),
    CONSTRAINT FK_fact_agent_interval_dim_agent FOREIGN KEY (agent_key) REFERENCES dw.dim_agent (agent_key),
    CONSTRAINT FK_fact_agent_interval_load_batch FOREIGN KEY (load_batch_id) REFERENCES etl.load_batch (load_batch_id)
);

-- Same grain plus the measure's name (snake_case, as OtherMeasureRules stores it; compared byte for byte like ids).
-- No foreign key to the fact: a fact whose known measures changed is replaced while its unchanged other measures stay,
-- and both are replaced by the same covered interval range.
CREATE TABLE dw.fact_agent_interval_measure (
    source_key    int NOT NULL,
    interval_key  bigint NOT NULL,
    agent_key     int NOT NULL,
    measure_name  nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    measure_value decimal(19, 3) NOT NULL,
    load_batch_id bigint NOT NULL,
    CONSTRAINT PK_fact_agent_interval_measure PRIMARY KEY CLUSTERED (source_key, interval_key, agent_key, measure_name),
    CONSTRAINT FK_fact_agent_interval_measure_dim_source FOREIGN KEY (source_key) REFERENCES dw.dim_source (source_key),
    CONSTRAINT FK_fact_agent_interval_measure_dim_interval FOREIGN KEY (interval_key) REFERENCES dw.dim_interval (interval_key),
    CONSTRAINT FK_fact_agent_interval_measure_dim_agent FOREIGN KEY (agent_key) REFERENCES dw.dim_agent (agent_key),
    CONSTRAINT FK_fact_agent_interval_measure_load_batch FOREIGN KEY (load_batch_id) REFERENCES etl.load_batch (load_batch_id)
);

-- Defines the columns of each batch's private #temp stage (it holds no rows). other_measures_json carries a row's
-- other measures as [{"name":"...","value":n}], unpacked by the publish (OPENJSON).
CREATE TABLE stage.agent_stats (
    load_batch_id         bigint NOT NULL,
    interval_key          bigint NOT NULL,
    interval_start_utc    datetime2(3) NOT NULL,
    interval_minutes      int NOT NULL,
    agent_id              nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
    agent_name            nvarchar(256) NULL,
    logged_in_dur_sec     decimal(19, 3) NULL,
    available_dur_sec     decimal(19, 3) NULL,
    talking_call_dur_sec  decimal(19, 3) NULL,
    wrap_up_dur_sec       decimal(19, 3) NULL,
    away_dur_sec          decimal(19, 3) NULL,
    presented_call_cnt    bigint NULL,
    answ_call_cnt         bigint NULL,
    transfer_out_call_cnt bigint NULL,
    other_measures_json   nvarchar(max) NULL,
    agent_key             int NULL
);
