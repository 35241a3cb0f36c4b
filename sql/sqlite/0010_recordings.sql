-- Recordings and transcripts archived from RingCX (Recordings:Enabled; see docs/operations.md, "Recordings and
-- transcripts"). One row per segment whose audio (or transcript) was fetched and landed content-addressed under the
-- landing root (file_path is relative to RingCx:LandingPath). No foreign key to fact_segment: a segment's facts are
-- replaced when its interval is published again, and its recording must survive that.
CREATE TABLE fact_recording (
    source_key        INTEGER NOT NULL REFERENCES dim_source (source_key),
    interaction_id    TEXT NOT NULL,
    segment_id        TEXT NOT NULL,
    dialog_id         TEXT NULL,
    segment_start_utc TEXT NOT NULL,
    file_path         TEXT NOT NULL,
    sha256            TEXT NOT NULL,
    byte_count        INTEGER NOT NULL,
    duration_ms       INTEGER NOT NULL,
    sample_rate_hz    INTEGER NOT NULL,
    channel_count     INTEGER NOT NULL,
    content_type      TEXT NULL,
    fetched_utc       TEXT NOT NULL,
    pruned_utc        TEXT NULL,
    PRIMARY KEY (source_key, interaction_id, segment_id)
);

-- prune finds the recordings past retention, and whether another row still needs the same file.
CREATE INDEX ix_fact_recording_retention ON fact_recording (pruned_utc, segment_start_utc);
CREATE INDEX ix_fact_recording_sha256 ON fact_recording (sha256);

CREATE TABLE fact_transcript (
    source_key      INTEGER NOT NULL REFERENCES dim_source (source_key),
    interaction_id  TEXT NOT NULL,
    segment_id      TEXT NOT NULL,
    file_path       TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    byte_count      INTEGER NOT NULL,
    content_type    TEXT NULL,
    transcript_text TEXT NULL,
    fetched_utc     TEXT NOT NULL,
    PRIMARY KEY (source_key, interaction_id, segment_id)
);

-- A fetch that failed (per segment and artifact): tried again on the next run until it succeeds (the row is then
-- deleted) or has failed Recordings:MaxAttempts times; status shows both.
CREATE TABLE recording_failure (
    source_key       INTEGER NOT NULL REFERENCES dim_source (source_key),
    interaction_id   TEXT NOT NULL,
    segment_id       TEXT NOT NULL,
    artifact         TEXT NOT NULL CHECK (artifact IN ('audio', 'transcript')),
    attempts         INTEGER NOT NULL,
    error            TEXT NOT NULL,
    first_failed_utc TEXT NOT NULL,
    last_failed_utc  TEXT NOT NULL,
    PRIMARY KEY (source_key, interaction_id, segment_id, artifact)
);

-- recording_select_pending (every intraday run) reads the segments that ended within Recordings:LookBack: a range
-- search on segment_end_utc instead of a scan and sort of every segment ever published.
CREATE INDEX ix_fact_segment_end ON fact_segment (segment_end_utc);
