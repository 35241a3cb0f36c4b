-- Failures an operator accepted (rerun --dismiss ID --reason "..."). The failed load_batch rows stay as they are; a
-- dismissal beside each one keeps the reason and stops the window counting as an open gap (status lists it as
-- dismissed; rerun --failed and the scheduled gap filling leave it alone).
CREATE TABLE etl.batch_dismissal (
    load_batch_id bigint NOT NULL,
    reason        nvarchar(1000) NOT NULL,
    dismissed_utc datetime2(3) NOT NULL,
    CONSTRAINT PK_batch_dismissal PRIMARY KEY CLUSTERED (load_batch_id),
    CONSTRAINT FK_batch_dismissal_load_batch FOREIGN KEY (load_batch_id) REFERENCES etl.load_batch (load_batch_id)
);

-- status asks, for every failure not dismissed, whether a later success of the same source and report covers it: a
-- seek on (source_key, report, status) from the failure's batch id on, answered from the index alone.
CREATE NONCLUSTERED INDEX IX_load_batch_later_success ON etl.load_batch (source_key, report, status, load_batch_id)
    INCLUDE (window_start_utc, window_end_utc, landed_file);
