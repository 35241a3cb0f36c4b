-- Every segment field kept (issue 13). A top-level field of a segment that has no column of its own in fact_segment
-- (one RingCX added, one of the other API generation, one the warehouse does not model) is one row here, as text,
-- replaced together with its segment. A key-value table rather than a JSON column: both engines index and query it
-- the same way (v_segment_labeled reads it by primary key), where JSON functions differ between them.
CREATE TABLE fact_segment_attribute (
    source_key     INTEGER NOT NULL,
    interaction_id TEXT NOT NULL,
    segment_id     TEXT NOT NULL,
    name           TEXT NOT NULL,
    value          TEXT NOT NULL,
    load_batch_id  INTEGER NOT NULL REFERENCES load_batch (load_batch_id),
    PRIMARY KEY (source_key, interaction_id, segment_id, name),
    FOREIGN KEY (source_key, interaction_id, segment_id) REFERENCES fact_segment (source_key, interaction_id, segment_id)
);

-- The fields travel with their segment in the stage as a JSON object (attributes_json), as events do. The stage holds
-- no rows, so it is recreated with the new column in its place: after the layout's columns, before the resolved keys.
DROP INDEX ix_stage_segment_grain;
DROP TABLE stage_segment;
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
    attributes_json         TEXT NULL,
    agent_key               INTEGER NULL,
    is_unchanged            INTEGER NULL
);
CREATE INDEX ix_stage_segment_grain ON stage_segment (load_batch_id, interaction_id, segment_id);
