-- Recordings and transcripts archived from RingCX (Recordings:Enabled; see docs/operations.md, "Recordings and
-- transcripts"). One row per segment whose audio (or transcript) was fetched and landed content-addressed under the
-- landing root (file_path is relative to RingCx:LandingPath). No foreign key to dw.fact_segment: a segment's facts
-- are replaced when its interval is published again, and its recording must survive that. The ids have 0006's binary
-- collation: recording_select_pending joins them to dw.fact_segment's, and columns of two collations cannot be compared.
CREATE TABLE dw.fact_recording (
    source_key        int NOT NULL,
    interaction_id    nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    segment_id        nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    dialog_id         nvarchar(64) NULL,
    segment_start_utc datetime2(3) NOT NULL,
    file_path         nvarchar(400) NOT NULL,
    sha256            char(64) NOT NULL,
    byte_count        bigint NOT NULL,
    duration_ms       bigint NOT NULL,
    sample_rate_hz    int NOT NULL,
    channel_count     int NOT NULL,
    content_type      nvarchar(100) NULL,
    fetched_utc       datetime2(3) NOT NULL,
    pruned_utc        datetime2(3) NULL,
    CONSTRAINT PK_fact_recording PRIMARY KEY CLUSTERED (source_key, interaction_id, segment_id),
    CONSTRAINT FK_fact_recording_source FOREIGN KEY (source_key) REFERENCES dw.dim_source (source_key)
);

-- prune finds the recordings past retention, and whether another row still needs the same file.
CREATE NONCLUSTERED INDEX IX_fact_recording_retention ON dw.fact_recording (pruned_utc, segment_start_utc) INCLUDE (sha256, file_path);
CREATE NONCLUSTERED INDEX IX_fact_recording_sha256 ON dw.fact_recording (sha256) INCLUDE (pruned_utc, segment_start_utc);

CREATE TABLE dw.fact_transcript (
    source_key      int NOT NULL,
    interaction_id  nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    segment_id      nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    file_path       nvarchar(400) NOT NULL,
    sha256          char(64) NOT NULL,
    byte_count      bigint NOT NULL,
    content_type    nvarchar(100) NULL,
    transcript_text nvarchar(max) NULL,
    fetched_utc     datetime2(3) NOT NULL,
    CONSTRAINT PK_fact_transcript PRIMARY KEY CLUSTERED (source_key, interaction_id, segment_id),
    CONSTRAINT FK_fact_transcript_source FOREIGN KEY (source_key) REFERENCES dw.dim_source (source_key)
);

-- A fetch that failed (per segment and artifact): tried again on the next run until it succeeds (the row is then
-- deleted) or has failed Recordings:MaxAttempts times; status shows both. artifact is nvarchar like the parameter it is
-- compared with (strings are bound as nvarchar): a varchar key column would be converted on every row it is compared on.
CREATE TABLE etl.recording_failure (
    source_key       int NOT NULL,
    interaction_id   nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    segment_id       nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    artifact         nvarchar(10) NOT NULL,
    attempts         int NOT NULL,
    error            nvarchar(2000) NOT NULL,
    first_failed_utc datetime2(3) NOT NULL,
    last_failed_utc  datetime2(3) NOT NULL,
    CONSTRAINT PK_recording_failure PRIMARY KEY CLUSTERED (source_key, interaction_id, segment_id, artifact),
    CONSTRAINT FK_recording_failure_source FOREIGN KEY (source_key) REFERENCES dw.dim_source (source_key),
    CONSTRAINT CK_recording_failure_artifact CHECK (artifact IN ('audio', 'transcript'))
);

-- recording_select_pending (every intraday run) reads the segments that ended within Recordings:LookBack: a range
-- seek on segment_end_utc that carries everything the query reads (the clustered key, source_key, interaction_id,
-- segment_id, comes with every nonclustered row), so it neither scans dw.fact_segment nor looks rows up in it.
CREATE NONCLUSTERED INDEX IX_fact_segment_end ON dw.fact_segment (segment_end_utc)
    INCLUDE (dialog_id, recording_url, segment_start_utc, has_recording, has_transcript);
