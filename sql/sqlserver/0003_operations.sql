-- Operations: who runs each batch, so that a batch left 'running' by a process that died can be told apart from one
-- still in flight (rerun and the scheduled jobs mark the dead ones failed and load their windows again).
CREATE TABLE etl.batch_owner (
    load_batch_id bigint NOT NULL,
    owner         nvarchar(400) NOT NULL,
    claimed_utc   datetime2(3) NOT NULL,
    CONSTRAINT PK_batch_owner PRIMARY KEY CLUSTERED (load_batch_id),
    CONSTRAINT FK_batch_owner_load_batch FOREIGN KEY (load_batch_id) REFERENCES etl.load_batch (load_batch_id)
);

-- status, rerun --failed and backfill look batches up by outcome within a source and report.
CREATE NONCLUSTERED INDEX IX_load_batch_status ON etl.load_batch (status, source_key, report) INCLUDE (window_start_utc, window_end_utc);
