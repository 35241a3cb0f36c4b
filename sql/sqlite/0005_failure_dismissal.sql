-- Failures an operator accepted (rerun --dismiss ID --reason "..."). The failed load_batch rows stay as they are; a
-- dismissal beside each one keeps the reason and stops the window counting as an open gap (status lists it as
-- dismissed; rerun --failed and the scheduled gap filling leave it alone).
CREATE TABLE batch_dismissal (
    load_batch_id INTEGER NOT NULL PRIMARY KEY REFERENCES load_batch (load_batch_id),
    reason        TEXT NOT NULL,
    dismissed_utc TEXT NOT NULL
);

-- status asks, for every failure not dismissed, whether a later success of the same source and report covers it.
CREATE INDEX ix_load_batch_later_success ON load_batch (source_key, report, status, load_batch_id, window_start_utc, window_end_utc);
