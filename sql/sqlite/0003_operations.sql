-- Operations: who runs each batch, so that a batch left 'running' by a process that died can be told apart from one
-- still in flight (rerun and the scheduled jobs mark the dead ones failed and load their windows again).
CREATE TABLE batch_owner (
    load_batch_id INTEGER NOT NULL PRIMARY KEY REFERENCES load_batch (load_batch_id),
    owner         TEXT NOT NULL,
    claimed_utc   TEXT NOT NULL
);

-- status, rerun --failed and backfill look batches up by outcome within a source and report.
CREATE INDEX ix_load_batch_status ON load_batch (status, source_key, report);
