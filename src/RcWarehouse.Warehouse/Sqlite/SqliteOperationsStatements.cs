using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>The operations statements of the SQLite engine (part of <see cref="SqliteStatements.Catalog"/>).</summary>
internal static class SqliteOperationsStatements
{
    private const string BatchColumns =
        "b.load_batch_id, s.sub_account_id, b.report, b.window_start_utc, b.window_end_utc, b.landed_file, b.sha256, " +
        "b.rows_read, b.rows_loaded, b.status, b.error, b.started_utc, b.finished_utc";

    public static OperationsSql Sql { get; } = new()
    {
        ClaimBatch = new("claim_batch", """
            INSERT INTO batch_owner (load_batch_id, owner, claimed_utc)
            VALUES (@load_batch_id, @owner, @claimed_utc);
            """),
        SelectRunningBatches = new("select_running_batches", """
            SELECT b.load_batch_id, o.owner, b.started_utc
            FROM load_batch AS b
            LEFT OUTER JOIN batch_owner AS o ON o.load_batch_id = b.load_batch_id
            WHERE b.status = 'running'
            ORDER BY b.load_batch_id;
            """),
        // The status check makes this safe against a batch that finished meanwhile, and against a second sweeper.
        // Staging shares the publish transaction here, so a dead batch left nothing staged.
        AbandonBatch = new("abandon_batch", """
            UPDATE load_batch
            SET status = 'failed',
                rows_loaded = 0,
                error = @error,
                finished_utc = @finished_utc
            WHERE load_batch_id = @load_batch_id
              AND status = 'running'
            RETURNING load_batch_id;
            """),
        SelectWatermarks = new("select_watermarks", """
            SELECT s.sub_account_id, s.source_name, w.report, w.loaded_through_utc, w.updated_utc
            FROM watermark AS w
            INNER JOIN dim_source AS s ON s.source_key = w.source_key
            ORDER BY s.sub_account_id, w.report;
            """),
        SelectBatchSummaries = new("select_batch_summaries", """
            SELECT s.sub_account_id, s.source_name, b.report,
                   SUM(CASE WHEN b.status = 'succeeded' THEN 1 ELSE 0 END) AS succeeded_batches,
                   SUM(CASE WHEN b.status = 'failed' THEN 1 ELSE 0 END) AS failed_batches,
                   SUM(CASE WHEN b.status = 'running' THEN 1 ELSE 0 END) AS running_batches,
                   MAX(CASE WHEN b.status = 'succeeded' THEN b.finished_utc END) AS last_success_utc,
                   MAX(b.started_utc) AS last_started_utc
            FROM load_batch AS b
            INNER JOIN dim_source AS s ON s.source_key = b.source_key
            GROUP BY s.sub_account_id, s.source_name, b.report
            ORDER BY s.sub_account_id, b.report;
            """),
        // A failure is closed by a later success over a window that contains the failed one, or (for a file loaded
        // without a window) by a later success of the same landed file, or by an operator's dismissal.
        SelectOpenFailures = new("select_open_failures", $"""
            SELECT {BatchColumns}
            FROM load_batch AS b
            INNER JOIN dim_source AS s ON s.source_key = b.source_key
            WHERE b.status = 'failed'
              AND NOT EXISTS (SELECT 1 FROM batch_dismissal AS d WHERE d.load_batch_id = b.load_batch_id)
              AND NOT EXISTS (
                  SELECT 1
                  FROM load_batch AS later
                  WHERE later.source_key = b.source_key
                    AND later.report = b.report
                    AND later.status = 'succeeded'
                    AND later.load_batch_id > b.load_batch_id
                    AND ((b.window_start_utc IS NOT NULL AND later.window_start_utc <= b.window_start_utc AND later.window_end_utc >= b.window_end_utc)
                         OR (b.window_start_utc IS NULL AND later.landed_file = b.landed_file)))
            ORDER BY b.load_batch_id;
            """),
        SelectLoadedWindows = new("select_loaded_windows", """
            SELECT b.window_start_utc, b.window_end_utc
            FROM load_batch AS b
            INNER JOIN dim_source AS s ON s.source_key = b.source_key
            WHERE s.sub_account_id = @sub_account_id
              AND b.report = @report
              AND b.status = 'succeeded'
              AND b.window_start_utc < @to_utc
              AND b.window_end_utc > @from_utc
            ORDER BY b.window_start_utc;
            """),
        RecordFailedWindow = new("record_failed_window", SqliteStatements.UpsertSource + """

            INSERT INTO load_batch (source_key, report, window_start_utc, window_end_utc, landed_file, rows_loaded, status, error, started_utc, finished_utc)
            VALUES ((SELECT source_key FROM dim_source WHERE sub_account_id = @sub_account_id),
                    @report, @window_start_utc, @window_end_utc, @landed_file, 0, 'failed', @error, @started_utc, @finished_utc)
            RETURNING load_batch_id;
            """),
        // One dismissal per failed attempt at the chosen batch's window (or, for a file loaded without a window, at the
        // same landed file), so the window stops counting as open whichever attempt the operator named.
        DismissFailures = new("dismiss_failures", """
            INSERT INTO batch_dismissal (load_batch_id, reason, dismissed_utc)
            SELECT f.load_batch_id, @reason, @dismissed_utc
            FROM load_batch AS chosen
            INNER JOIN load_batch AS f
                ON f.source_key = chosen.source_key
               AND f.report = chosen.report
               AND f.status = 'failed'
               AND ((chosen.window_start_utc IS NOT NULL AND f.window_start_utc = chosen.window_start_utc AND f.window_end_utc = chosen.window_end_utc)
                    OR (chosen.window_start_utc IS NULL AND f.window_start_utc IS NULL AND f.landed_file = chosen.landed_file))
            WHERE chosen.load_batch_id = @load_batch_id
              AND chosen.status = 'failed'
              AND NOT EXISTS (SELECT 1 FROM batch_dismissal AS d WHERE d.load_batch_id = f.load_batch_id);
            """),
        SelectDismissedFailures = new("select_dismissed_failures", $"""
            SELECT {BatchColumns}, d.reason, d.dismissed_utc
            FROM load_batch AS b
            INNER JOIN dim_source AS s ON s.source_key = b.source_key
            INNER JOIN batch_dismissal AS d ON d.load_batch_id = b.load_batch_id
            ORDER BY b.load_batch_id;
            """),
    };
}
