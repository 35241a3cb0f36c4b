-- Every segment field kept (issue 13). A top-level field of a segment that has no column of its own in dw.fact_segment
-- (one RingCX added, one of the other API generation, one the warehouse does not model) is one row here, as text,
-- replaced together with its segment. A key-value table rather than a JSON column: both engines index and query it
-- the same way (v_segment_labeled reads it by primary key), where JSON functions differ between them. Names compare
-- byte for byte like the ids (and like SQLite), so a field's name is matched exactly as RingCX spells it.
SET XACT_ABORT ON;
GO
CREATE TABLE dw.fact_segment_attribute (
    source_key     int NOT NULL,
    interaction_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    segment_id     nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    name           nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    value          nvarchar(4000) NOT NULL,
    load_batch_id  bigint NOT NULL,
    CONSTRAINT PK_fact_segment_attribute PRIMARY KEY CLUSTERED (source_key, interaction_id, segment_id, name),
    CONSTRAINT FK_fact_segment_attribute_fact_segment FOREIGN KEY (source_key, interaction_id, segment_id)
        REFERENCES dw.fact_segment (source_key, interaction_id, segment_id),
    CONSTRAINT FK_fact_segment_attribute_load_batch FOREIGN KEY (load_batch_id) REFERENCES etl.load_batch (load_batch_id)
);
GO
-- The fields travel with their segment in the stage as a JSON object (attributes_json), as events do. stage.segment
-- only defines the columns of each batch's #temp stage and holds no rows, so it is recreated with the new column in
-- its place (after the layout's columns, before the resolved keys) and the ids' binary collation of 0006.
DROP TABLE stage.segment;
GO
CREATE TABLE stage.segment (
    load_batch_id           bigint NOT NULL,
    interaction_id          nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
    segment_id              nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
    dialog_id               nvarchar(64) NULL,
    interval_key            bigint NOT NULL,
    agent_id                nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
    rc_user_id              nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
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
    attributes_json         nvarchar(max) NULL,
    agent_key               int NULL,
    is_unchanged            bit NULL
);
