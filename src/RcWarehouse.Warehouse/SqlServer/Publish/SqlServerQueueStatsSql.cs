using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.SqlServer.Publish;

/// <summary>
/// The queue statistics report's publish on SQL Server, into dw.fact_queue_interval, in the order it runs: the batch's
/// private stage, the publish statements (inside the publish transaction, every one with @load_batch_id, @source_key,
/// @from_key, @to_key), the clear. Null-safe comparison is written <c>EXISTS (SELECT a INTERSECT SELECT b)</c>.
/// </summary>
internal static class SqlServerQueueStatsSql
{
    public static ReportSql Sql { get; } = new(
        Stage: new StageSql(
            Table: "#stage_queue_stats",
            // A #temp table of the loading session, a copy of stage.queue_stats's columns (SELECT TOP (0) ... INTO keeps
            // their types, nullability and collations), then filled by SqlBulkCopy.
            Create: new("queue_stats.create_stage", """
                DROP TABLE IF EXISTS #stage_queue_stats;
                SELECT TOP (0) * INTO #stage_queue_stats FROM stage.queue_stats;
                """),
            // Built after the copy (one sort): the publish seeks it, and a repeated grain fails the build (error 1505).
            // A resolved key names one id, so an id grain that is unique is a key grain that is unique.
            Index: new("queue_stats.index_stage", """
                CREATE UNIQUE CLUSTERED INDEX ux_stage_grain ON #stage_queue_stats (interval_key, queue_id);
                """),
            DuplicateCheck: new("queue_stats.duplicate_check", """
                SELECT TOP (5) queue_id, interval_key, COUNT_BIG(*) AS copies
                FROM #stage_queue_stats
                WHERE load_batch_id = @load_batch_id
                GROUP BY queue_id, interval_key
                HAVING COUNT_BIG(*) > 1
                ORDER BY queue_id, interval_key;
                """),
            Count: new("queue_stats.count_stage", """
                SELECT COUNT_BIG(*) FROM #stage_queue_stats;
                """)),
        Publish:
        [
            // UPDLOCK + HOLDLOCK: queues are shared by the reports of one source, whose publishers hold different applocks.
            new("queue_stats.infer_queues", """
                INSERT INTO dw.dim_queue (source_key, queue_id, queue_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
                SELECT @source_key, s.queue_id, MAX(s.queue_name), 1, 1, CONVERT(datetime2(3), '1900-01-01T00:00:00.000', 126), CONVERT(datetime2(3), '9999-12-31T00:00:00.000', 126), 1
                FROM #stage_queue_stats AS s
                WHERE s.load_batch_id = @load_batch_id
                  AND s.queue_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM dw.dim_queue AS d WITH (UPDLOCK, HOLDLOCK) WHERE d.source_key = @source_key AND d.queue_id = s.queue_id)
                GROUP BY s.queue_id
                ORDER BY s.queue_id;
                """),
            // A binary comparison, so a name that only changes case is still taken.
            new("queue_stats.rename_inferred_queues", """
                UPDATE d
                SET d.queue_name = n.queue_name
                FROM dw.dim_queue AS d
                INNER JOIN (
                    SELECT s.queue_id, MAX(s.queue_name) AS queue_name
                    FROM #stage_queue_stats AS s
                    WHERE s.load_batch_id = @load_batch_id AND s.queue_name IS NOT NULL
                    GROUP BY s.queue_id
                ) AS n ON n.queue_id = d.queue_id
                WHERE d.source_key = @source_key
                  AND d.is_inferred = 1
                  AND (d.queue_name IS NULL OR d.queue_name <> n.queue_name COLLATE Latin1_General_100_BIN2);
                """),
            // The version valid at the row's time; the newest wins should versions ever overlap.
            new("queue_stats.resolve_keys", """
                UPDATE s
                SET s.queue_key = q.queue_key
                FROM #stage_queue_stats AS s
                OUTER APPLY (SELECT TOP (1) d.queue_key FROM dw.dim_queue AS d WHERE d.source_key = @source_key AND d.queue_id = s.queue_id AND d.valid_from_utc <= s.interval_start_utc AND s.interval_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC) AS q
                WHERE s.load_batch_id = @load_batch_id;
                """),
            // The replace below looks the stage up by resolved keys, while its clustered index is by ids: an index on the
            // keys, built once they are resolved (one sort of a private table), makes that lookup a seek whatever plan
            // the optimizer picks.
            new("queue_stats.index_stage_keys", """
                CREATE INDEX ix_stage_keys ON #stage_queue_stats (interval_key, queue_key);
                """),
            // Facts of the covered intervals that the batch does not carry identically; identical rows stay untouched
            // (and keep their load_batch_id), so a repeated load changes nothing.
            new("queue_stats.delete_replaced_facts", """
                DELETE f
                FROM dw.fact_queue_interval AS f
                WHERE f.source_key = @source_key
                  AND f.interval_key >= @from_key AND f.interval_key < @to_key
                  AND NOT EXISTS (
                      SELECT 1
                      FROM #stage_queue_stats AS s
                      WHERE s.load_batch_id = @load_batch_id
                        AND s.interval_key = f.interval_key
                        AND s.queue_key = f.queue_key
                        AND EXISTS (SELECT s.interval_minutes, s.offd_direct_call_cnt, s.overflow_in_call_cnt, s.aband_call_cnt, s.overflow_out_call_cnt, s.answ_call_cnt, s.queued_and_answ_call_dur_sec, s.queued_and_aband_call_dur_sec, s.talking_call_dur_sec, s.wrap_up_dur_sec, s.queued_answ_longest_que_dur_sec, s.queued_aband_longest_que_dur_sec, s.ans_servicelevel_cnt, s.wait_dur_sec, s.aband_short_call_cnt, s.aband_within_sl_cnt, s.completed_contacts, s.segment_hold_time_ms INTERSECT SELECT f.interval_minutes, f.offd_direct_call_cnt, f.overflow_in_call_cnt, f.aband_call_cnt, f.overflow_out_call_cnt, f.answ_call_cnt, f.queued_and_answ_call_dur_sec, f.queued_and_aband_call_dur_sec, f.talking_call_dur_sec, f.wrap_up_dur_sec, f.queued_answ_longest_que_dur_sec, f.queued_aband_longest_que_dur_sec, f.ans_servicelevel_cnt, f.wait_dur_sec, f.aband_short_call_cnt, f.aband_within_sl_cnt, f.completed_contacts, f.segment_hold_time_ms));
                """),
            new("queue_stats.insert_new_facts", """
                INSERT INTO dw.fact_queue_interval (source_key, interval_key, queue_key, interval_minutes, offd_direct_call_cnt, overflow_in_call_cnt, aband_call_cnt, overflow_out_call_cnt, answ_call_cnt, queued_and_answ_call_dur_sec, queued_and_aband_call_dur_sec, talking_call_dur_sec, wrap_up_dur_sec, queued_answ_longest_que_dur_sec, queued_aband_longest_que_dur_sec, ans_servicelevel_cnt, wait_dur_sec, aband_short_call_cnt, aband_within_sl_cnt, completed_contacts, segment_hold_time_ms, load_batch_id)
                SELECT @source_key, s.interval_key, s.queue_key, s.interval_minutes, s.offd_direct_call_cnt, s.overflow_in_call_cnt, s.aband_call_cnt, s.overflow_out_call_cnt, s.answ_call_cnt, s.queued_and_answ_call_dur_sec, s.queued_and_aband_call_dur_sec, s.talking_call_dur_sec, s.wrap_up_dur_sec, s.queued_answ_longest_que_dur_sec, s.queued_aband_longest_que_dur_sec, s.ans_servicelevel_cnt, s.wait_dur_sec, s.aband_short_call_cnt, s.aband_within_sl_cnt, s.completed_contacts, s.segment_hold_time_ms, @load_batch_id
                FROM #stage_queue_stats AS s
                WHERE s.load_batch_id = @load_batch_id
                  AND NOT EXISTS (
                      SELECT 1
                      FROM dw.fact_queue_interval AS f
                      WHERE f.source_key = @source_key
                        AND f.interval_key = s.interval_key
                        AND f.queue_key = s.queue_key);
                """),
        ],
        // The stage is the session's own: dropping it (inside the publish transaction) is all the clearing it needs.
        ClearStage: new("queue_stats.clear_stage", """
            DROP TABLE #stage_queue_stats;
            """));
}
