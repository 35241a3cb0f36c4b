-- Failures an operator accepted (rerun --dismiss ID --reason "..."). The failed load_batch rows stay as they are; a
-- dismissal beside each one keeps the reason and stops the window counting as an open gap (status lists it as
-- dismissed; rerun --failed and the scheduled gap filling leave it alone).
CREATE TABLE batch_dismissal (
    load_batch_id INTEGER NOT NULL PRIMARY KEY REFERENCES load_batch (load_batch_id),
    reason        TEXT NOT NULL,
    dismissed_utc TEXT NOT NULL
);
