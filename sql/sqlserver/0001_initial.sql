-- RcWarehouse schema for SQL Server 2019+ / Azure SQL. Schemas: dw (what BI reads), stage (loader scratch), etl (audit).
-- The migrator splits this file on lines that are exactly GO and runs every batch in one transaction, then records it
-- in dbo.SchemaVersions. Types: ids nvarchar(64); counts bigint; durations decimal(19,3) seconds; UTC times datetime2(3).

SET XACT_ABORT ON;
GO
CREATE SCHEMA dw AUTHORIZATION dbo;
GO
CREATE SCHEMA stage AUTHORIZATION dbo;
GO
CREATE SCHEMA etl AUTHORIZATION dbo;
GO

CREATE TABLE dw.dim_source (
    source_key       int IDENTITY(1, 1) NOT NULL,
    source_name      nvarchar(256) NULL,
    main_account_id  nvarchar(64) NULL,
    sub_account_id   nvarchar(64) NOT NULL,
    sub_account_name nvarchar(256) NULL,
    CONSTRAINT PK_dim_source PRIMARY KEY CLUSTERED (source_key),
    CONSTRAINT UQ_dim_source_sub_account_id UNIQUE (sub_account_id)
);

CREATE TABLE dw.dim_agent (
    agent_key        int IDENTITY(1, 1) NOT NULL,
    source_key       int NOT NULL,
    agent_id         nvarchar(64) NOT NULL,
    rc_user_id       nvarchar(64) NULL,
    first_name       nvarchar(256) NULL,
    last_name        nvarchar(256) NULL,
    agent_name       nvarchar(256) NULL,
    user_name        nvarchar(256) NULL,
    email            nvarchar(320) NULL,
    agent_type       nvarchar(64) NULL,
    agent_group_id   nvarchar(64) NULL,
    agent_group_name nvarchar(256) NULL,
    is_active        bit NOT NULL CONSTRAINT DF_dim_agent_is_active DEFAULT (1),
    is_inferred      bit NOT NULL CONSTRAINT DF_dim_agent_is_inferred DEFAULT (0),
    valid_from_utc   datetime2(3) NOT NULL,
    valid_to_utc     datetime2(3) NOT NULL,
    is_current       bit NOT NULL,
    CONSTRAINT PK_dim_agent PRIMARY KEY CLUSTERED (agent_key),
    CONSTRAINT FK_dim_agent_dim_source FOREIGN KEY (source_key) REFERENCES dw.dim_source (source_key),
    CONSTRAINT CK_dim_agent_validity CHECK (valid_from_utc < valid_to_utc)
);
CREATE UNIQUE NONCLUSTERED INDEX UX_dim_agent_version ON dw.dim_agent (source_key, agent_id, valid_from_utc) INCLUDE (valid_to_utc);
CREATE UNIQUE NONCLUSTERED INDEX UX_dim_agent_current ON dw.dim_agent (source_key, agent_id) WHERE is_current = 1;

CREATE TABLE dw.bridge_agent_supervisor (
    source_key          int NOT NULL,
    agent_id            nvarchar(64) NOT NULL,
    supervisor_agent_id nvarchar(64) NOT NULL,
    valid_from_utc      datetime2(3) NOT NULL,
    valid_to_utc        datetime2(3) NOT NULL,
    CONSTRAINT PK_bridge_agent_supervisor PRIMARY KEY CLUSTERED (source_key, agent_id, supervisor_agent_id, valid_from_utc),
    CONSTRAINT FK_bridge_agent_supervisor_dim_source FOREIGN KEY (source_key) REFERENCES dw.dim_source (source_key),
    CONSTRAINT CK_bridge_agent_supervisor_validity CHECK (valid_from_utc < valid_to_utc)
);

CREATE TABLE dw.dim_queue (
    queue_key        int IDENTITY(1, 1) NOT NULL,
    source_key       int NOT NULL,
    queue_id         nvarchar(64) NOT NULL,
    queue_name       nvarchar(256) NULL,
    queue_group_id   nvarchar(64) NULL,
    queue_group_name nvarchar(256) NULL,
    queue_type       nvarchar(64) NULL,
    is_active        bit NOT NULL CONSTRAINT DF_dim_queue_is_active DEFAULT (1),
    is_inferred      bit NOT NULL CONSTRAINT DF_dim_queue_is_inferred DEFAULT (0),
    valid_from_utc   datetime2(3) NOT NULL,
    valid_to_utc     datetime2(3) NOT NULL,
    is_current       bit NOT NULL,
    CONSTRAINT PK_dim_queue PRIMARY KEY CLUSTERED (queue_key),
    CONSTRAINT FK_dim_queue_dim_source FOREIGN KEY (source_key) REFERENCES dw.dim_source (source_key),
    CONSTRAINT CK_dim_queue_validity CHECK (valid_from_utc < valid_to_utc)
);
CREATE UNIQUE NONCLUSTERED INDEX UX_dim_queue_version ON dw.dim_queue (source_key, queue_id, valid_from_utc) INCLUDE (valid_to_utc);
CREATE UNIQUE NONCLUSTERED INDEX UX_dim_queue_current ON dw.dim_queue (source_key, queue_id) WHERE is_current = 1;

CREATE TABLE dw.bridge_queue_agent (
    source_key     int NOT NULL,
    queue_id       nvarchar(64) NOT NULL,
    agent_id       nvarchar(64) NOT NULL,
    valid_from_utc datetime2(3) NOT NULL,
    valid_to_utc   datetime2(3) NOT NULL,
    CONSTRAINT PK_bridge_queue_agent PRIMARY KEY CLUSTERED (source_key, queue_id, agent_id, valid_from_utc),
    CONSTRAINT FK_bridge_queue_agent_dim_source FOREIGN KEY (source_key) REFERENCES dw.dim_source (source_key),
    CONSTRAINT CK_bridge_queue_agent_validity CHECK (valid_from_utc < valid_to_utc)
);

CREATE TABLE dw.dim_interval (
    interval_key bigint NOT NULL,
    start_utc    datetime2(3) NOT NULL,
    local_start  datetime2(3) NOT NULL,
    local_date   date NOT NULL,
    local_time   time(0) NOT NULL,
    local_hour   tinyint NOT NULL,
    day_of_week  tinyint NOT NULL,
    is_weekend   bit NOT NULL,
    CONSTRAINT PK_dim_interval PRIMARY KEY CLUSTERED (interval_key),
    CONSTRAINT UQ_dim_interval_start_utc UNIQUE (start_utc),
    CONSTRAINT CK_dim_interval_day_of_week CHECK (day_of_week BETWEEN 1 AND 7)
);

CREATE TABLE etl.load_batch (
    load_batch_id    bigint IDENTITY(1, 1) NOT NULL,
    source_key       int NOT NULL,
    report           nvarchar(32) NOT NULL,
    window_start_utc datetime2(3) NULL,
    window_end_utc   datetime2(3) NULL,
    landed_file      nvarchar(1024) NULL,
    sha256           char(64) NULL,
    rows_read        bigint NULL,
    rows_loaded      bigint NULL,
    status           varchar(16) NOT NULL,
    error            nvarchar(max) NULL,
    started_utc      datetime2(3) NOT NULL,
    finished_utc     datetime2(3) NULL,
    CONSTRAINT PK_load_batch PRIMARY KEY CLUSTERED (load_batch_id),
    CONSTRAINT FK_load_batch_dim_source FOREIGN KEY (source_key) REFERENCES dw.dim_source (source_key),
    CONSTRAINT CK_load_batch_status CHECK (status IN ('running', 'succeeded', 'failed'))
);
CREATE NONCLUSTERED INDEX IX_load_batch_source_report ON etl.load_batch (source_key, report, load_batch_id) INCLUDE (status);

CREATE TABLE etl.watermark (
    source_key         int NOT NULL,
    report             nvarchar(32) NOT NULL,
    loaded_through_utc datetime2(3) NOT NULL,
    updated_utc        datetime2(3) NOT NULL,
    CONSTRAINT PK_watermark PRIMARY KEY CLUSTERED (source_key, report),
    CONSTRAINT FK_watermark_dim_source FOREIGN KEY (source_key) REFERENCES dw.dim_source (source_key)
);

-- Facts: the clustered primary key is the grain, led by (source_key, interval_key) because publishing replaces
-- interval ranges of one source.
CREATE TABLE dw.fact_agent_queue_interval (
    source_key            int NOT NULL,
    interval_key          bigint NOT NULL,
    agent_key             int NOT NULL,
    queue_key             int NOT NULL,
    interval_minutes      int NOT NULL,
    talking_call_dur_sec  decimal(19, 3) NOT NULL,
    wrap_up_dur_sec       decimal(19, 3) NOT NULL,
    answ_call_cnt         bigint NOT NULL,
    transfer_out_call_cnt bigint NOT NULL,
    load_batch_id         bigint NOT NULL,
    CONSTRAINT PK_fact_agent_queue_interval PRIMARY KEY CLUSTERED (source_key, interval_key, agent_key, queue_key),
    CONSTRAINT FK_fact_agent_queue_interval_dim_source FOREIGN KEY (source_key) REFERENCES dw.dim_source (source_key),
    CONSTRAINT FK_fact_agent_queue_interval_dim_interval FOREIGN KEY (interval_key) REFERENCES dw.dim_interval (interval_key),
    CONSTRAINT FK_fact_agent_queue_interval_dim_agent FOREIGN KEY (agent_key) REFERENCES dw.dim_agent (agent_key),
    CONSTRAINT FK_fact_agent_queue_interval_dim_queue FOREIGN KEY (queue_key) REFERENCES dw.dim_queue (queue_key),
    CONSTRAINT FK_fact_agent_queue_interval_load_batch FOREIGN KEY (load_batch_id) REFERENCES etl.load_batch (load_batch_id)
);

CREATE TABLE dw.fact_queue_interval (
    source_key                       int NOT NULL,
    interval_key                     bigint NOT NULL,
    queue_key                        int NOT NULL,
    interval_minutes                 int NOT NULL,
    offd_direct_call_cnt             bigint NOT NULL,
    overflow_in_call_cnt             bigint NOT NULL,
    aband_call_cnt                   bigint NOT NULL,
    overflow_out_call_cnt            bigint NOT NULL,
    answ_call_cnt                    bigint NOT NULL,
    queued_and_answ_call_dur_sec     decimal(19, 3) NOT NULL,
    queued_and_aband_call_dur_sec    decimal(19, 3) NOT NULL,
    talking_call_dur_sec             decimal(19, 3) NOT NULL,
    wrap_up_dur_sec                  decimal(19, 3) NOT NULL,
    queued_answ_longest_que_dur_sec  decimal(19, 3) NOT NULL,
    queued_aband_longest_que_dur_sec decimal(19, 3) NOT NULL,
    ans_servicelevel_cnt             bigint NOT NULL,
    wait_dur_sec                     decimal(19, 3) NOT NULL,
    aband_short_call_cnt             bigint NOT NULL,
    aband_within_sl_cnt              bigint NOT NULL,
    completed_contacts               bigint NULL,
    segment_hold_time_ms             bigint NULL,
    load_batch_id                    bigint NOT NULL,
    CONSTRAINT PK_fact_queue_interval PRIMARY KEY CLUSTERED (source_key, interval_key, queue_key),
    CONSTRAINT FK_fact_queue_interval_dim_source FOREIGN KEY (source_key) REFERENCES dw.dim_source (source_key),
    CONSTRAINT FK_fact_queue_interval_dim_interval FOREIGN KEY (interval_key) REFERENCES dw.dim_interval (interval_key),
    CONSTRAINT FK_fact_queue_interval_dim_queue FOREIGN KEY (queue_key) REFERENCES dw.dim_queue (queue_key),
    CONSTRAINT FK_fact_queue_interval_load_batch FOREIGN KEY (load_batch_id) REFERENCES etl.load_batch (load_batch_id)
);

CREATE TABLE dw.fact_segment (
    source_key              int NOT NULL,
    interaction_id          nvarchar(64) NOT NULL,
    segment_id              nvarchar(64) NOT NULL,
    dialog_id               nvarchar(64) NULL,
    interval_key            bigint NOT NULL,
    agent_key               int NULL,
    agent_id                nvarchar(64) NULL,
    rc_user_id              nvarchar(64) NULL,
    agent_group_id          nvarchar(64) NULL,
    segment_type            nvarchar(64) NULL,
    channel_type            nvarchar(64) NULL,
    channel_class           nvarchar(64) NULL,
    direction               nvarchar(64) NULL,
    interaction_start_utc   datetime2(3) NULL,
    interaction_duration_ms bigint NULL,
    segment_start_utc       datetime2(3) NOT NULL,
    segment_end_utc         datetime2(3) NULL,
    segment_duration_ms     bigint NULL,
    calling_address         nvarchar(128) NULL,
    called_address          nvarchar(128) NULL,
    recording_url           nvarchar(2048) NULL,
    has_recording           bit NOT NULL,
    has_transcript          bit NOT NULL,
    system_disposition      nvarchar(256) NULL,
    agent_disposition       nvarchar(256) NULL,
    agent_notes             nvarchar(max) NULL,
    load_batch_id           bigint NOT NULL,
    CONSTRAINT PK_fact_segment PRIMARY KEY CLUSTERED (source_key, interaction_id, segment_id),
    CONSTRAINT FK_fact_segment_dim_source FOREIGN KEY (source_key) REFERENCES dw.dim_source (source_key),
    CONSTRAINT FK_fact_segment_dim_interval FOREIGN KEY (interval_key) REFERENCES dw.dim_interval (interval_key),
    CONSTRAINT FK_fact_segment_dim_agent FOREIGN KEY (agent_key) REFERENCES dw.dim_agent (agent_key),
    CONSTRAINT FK_fact_segment_load_batch FOREIGN KEY (load_batch_id) REFERENCES etl.load_batch (load_batch_id)
);
CREATE NONCLUSTERED INDEX IX_fact_segment_interval ON dw.fact_segment (source_key, interval_key);

CREATE TABLE dw.fact_segment_event (
    source_key            int NOT NULL,
    interaction_id        nvarchar(64) NOT NULL,
    segment_id            nvarchar(64) NOT NULL,
    event_seq             int NOT NULL,
    event_type            nvarchar(64) NOT NULL,
    event_time_utc        datetime2(3) NULL,
    client_event_time_utc datetime2(3) NULL,
    load_batch_id         bigint NOT NULL,
    CONSTRAINT PK_fact_segment_event PRIMARY KEY CLUSTERED (source_key, interaction_id, segment_id, event_seq),
    CONSTRAINT FK_fact_segment_event_fact_segment FOREIGN KEY (source_key, interaction_id, segment_id)
        REFERENCES dw.fact_segment (source_key, interaction_id, segment_id),
    CONSTRAINT FK_fact_segment_event_load_batch FOREIGN KEY (load_batch_id) REFERENCES etl.load_batch (load_batch_id)
);

-- Staging heaps (no clustered index: SqlBulkCopy with TableLock takes bulk-update locks that concurrent loaders share).
-- Rows are keyed by the batch that wrote them and deleted by that batch's publish (or failure) transaction. Columns
-- after load_batch_id follow the staging layouts in src/RcWarehouse.Warehouse/Staging, one description for both
-- engines; agent_key / queue_key are filled by the publish step's point-in-time lookup, is_unchanged marks segments
-- identical to the published ones.
CREATE TABLE stage.agent_extended (
    load_batch_id         bigint NOT NULL,
    interval_key          bigint NOT NULL,
    interval_start_utc    datetime2(3) NOT NULL,
    interval_minutes      int NOT NULL,
    agent_id              nvarchar(64) NULL,
    agent_name            nvarchar(256) NULL,
    queue_id              nvarchar(64) NULL,
    queue_name            nvarchar(256) NULL,
    talking_call_dur_sec  decimal(19, 3) NOT NULL,
    wrap_up_dur_sec       decimal(19, 3) NOT NULL,
    answ_call_cnt         bigint NOT NULL,
    transfer_out_call_cnt bigint NOT NULL,
    agent_key             int NULL,
    queue_key             int NULL
);

CREATE TABLE stage.queue_stats (
    load_batch_id                    bigint NOT NULL,
    interval_key                     bigint NOT NULL,
    interval_start_utc               datetime2(3) NOT NULL,
    interval_minutes                 int NOT NULL,
    queue_id                         nvarchar(64) NULL,
    queue_name                       nvarchar(256) NULL,
    offd_direct_call_cnt             bigint NOT NULL,
    overflow_in_call_cnt             bigint NOT NULL,
    aband_call_cnt                   bigint NOT NULL,
    overflow_out_call_cnt            bigint NOT NULL,
    answ_call_cnt                    bigint NOT NULL,
    queued_and_answ_call_dur_sec     decimal(19, 3) NOT NULL,
    queued_and_aband_call_dur_sec    decimal(19, 3) NOT NULL,
    talking_call_dur_sec             decimal(19, 3) NOT NULL,
    wrap_up_dur_sec                  decimal(19, 3) NOT NULL,
    queued_answ_longest_que_dur_sec  decimal(19, 3) NOT NULL,
    queued_aband_longest_que_dur_sec decimal(19, 3) NOT NULL,
    ans_servicelevel_cnt             bigint NOT NULL,
    wait_dur_sec                     decimal(19, 3) NOT NULL,
    aband_short_call_cnt             bigint NOT NULL,
    aband_within_sl_cnt              bigint NOT NULL,
    completed_contacts               bigint NULL,
    segment_hold_time_ms             bigint NULL,
    queue_key                        int NULL
);

CREATE TABLE stage.segment (
    load_batch_id           bigint NOT NULL,
    interaction_id          nvarchar(64) NULL,
    segment_id              nvarchar(64) NULL,
    dialog_id               nvarchar(64) NULL,
    interval_key            bigint NOT NULL,
    agent_id                nvarchar(64) NULL,
    rc_user_id              nvarchar(64) NULL,
    agent_group_id          nvarchar(64) NULL,
    segment_type            nvarchar(64) NULL,
    channel_type            nvarchar(64) NULL,
    channel_class           nvarchar(64) NULL,
    direction               nvarchar(64) NULL,
    interaction_start_utc   datetime2(3) NULL,
    interaction_duration_ms bigint NULL,
    segment_start_utc       datetime2(3) NOT NULL,
    segment_end_utc         datetime2(3) NULL,
    segment_duration_ms     bigint NULL,
    calling_address         nvarchar(128) NULL,
    called_address          nvarchar(128) NULL,
    recording_url           nvarchar(2048) NULL,
    has_recording           bit NOT NULL,
    has_transcript          bit NOT NULL,
    system_disposition      nvarchar(256) NULL,
    agent_disposition       nvarchar(256) NULL,
    agent_notes             nvarchar(max) NULL,
    events_json             nvarchar(max) NULL,
    agent_key               int NULL,
    is_unchanged            bit NULL
);
GO
