using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.SqlServer.Publish;

/// <summary>
/// The agent extended report's publish on SQL Server, into dw.fact_agent_queue_interval, in the order it runs: the
/// batch's private stage, the publish statements (inside the publish transaction, every one with @load_batch_id,
/// @source_key, @from_key, @to_key), the clear. Null-safe comparison is written <c>EXISTS (SELECT a INTERSECT SELECT b)</c>.
/// </summary>
internal static class SqlServerAgentExtendedSql
{
    public static ReportSql Sql { get; } = new(
        Stage: new StageSql(
            Table: "#stage_agent_extended",
            // A #temp table of the loading session, a copy of stage.agent_extended's columns (SELECT TOP (0) ... INTO
            // keeps their types, nullability and collations), then filled by SqlBulkCopy.
            Create: new("agent_extended.create_stage", """
                DROP TABLE IF EXISTS #stage_agent_extended;
                SELECT TOP (0) * INTO #stage_agent_extended FROM stage.agent_extended;
                """),
            // Built after the copy (one sort): the publish seeks it, and a repeated grain fails the build (error 1505).
            // A resolved key names one id, so an id grain that is unique is a key grain that is unique.
            Index: new("agent_extended.index_stage", """
                CREATE UNIQUE CLUSTERED INDEX ux_stage_grain ON #stage_agent_extended (interval_key, agent_id, queue_id);
                """),
            DuplicateCheck: new("agent_extended.duplicate_check", """
                SELECT TOP (5) agent_id, queue_id, interval_key, COUNT_BIG(*) AS copies
                FROM #stage_agent_extended
                WHERE load_batch_id = @load_batch_id
                GROUP BY agent_id, queue_id, interval_key
                HAVING COUNT_BIG(*) > 1
                ORDER BY agent_id, queue_id, interval_key;
                """),
            Count: new("agent_extended.count_stage", """
                SELECT COUNT_BIG(*) FROM #stage_agent_extended;
                """)),
        Publish:
        [
            // UPDLOCK + HOLDLOCK: agents are shared by the reports of one source, whose publishers hold different applocks.
            new("agent_extended.infer_agents", """
                INSERT INTO dw.dim_agent (source_key, agent_id, agent_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
                SELECT @source_key, s.agent_id, MAX(s.agent_name), 1, 1, CONVERT(datetime2(3), '1900-01-01T00:00:00.000', 126), CONVERT(datetime2(3), '9999-12-31T00:00:00.000', 126), 1
                FROM #stage_agent_extended AS s
                WHERE s.load_batch_id = @load_batch_id
                  AND s.agent_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM dw.dim_agent AS d WITH (UPDLOCK, HOLDLOCK) WHERE d.source_key = @source_key AND d.agent_id = s.agent_id)
                GROUP BY s.agent_id
                ORDER BY s.agent_id;
                """),
            // A binary comparison, so a name that only changes case is still taken.
            new("agent_extended.rename_inferred_agents", """
                UPDATE d
                SET d.agent_name = n.agent_name
                FROM dw.dim_agent AS d
                INNER JOIN (
                    SELECT s.agent_id, MAX(s.agent_name) AS agent_name
                    FROM #stage_agent_extended AS s
                    WHERE s.load_batch_id = @load_batch_id AND s.agent_name IS NOT NULL
                    GROUP BY s.agent_id
                ) AS n ON n.agent_id = d.agent_id
                WHERE d.source_key = @source_key
                  AND d.is_inferred = 1
                  AND (d.agent_name IS NULL OR d.agent_name <> n.agent_name COLLATE Latin1_General_100_BIN2);
                """),
            // UPDLOCK + HOLDLOCK: queues are shared by the reports of one source, whose publishers hold different applocks.
            new("agent_extended.infer_queues", """
                INSERT INTO dw.dim_queue (source_key, queue_id, queue_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
                SELECT @source_key, s.queue_id, MAX(s.queue_name), 1, 1, CONVERT(datetime2(3), '1900-01-01T00:00:00.000', 126), CONVERT(datetime2(3), '9999-12-31T00:00:00.000', 126), 1
                FROM #stage_agent_extended AS s
                WHERE s.load_batch_id = @load_batch_id
                  AND s.queue_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM dw.dim_queue AS d WITH (UPDLOCK, HOLDLOCK) WHERE d.source_key = @source_key AND d.queue_id = s.queue_id)
                GROUP BY s.queue_id
                ORDER BY s.queue_id;
                """),
            new("agent_extended.rename_inferred_queues", """
                UPDATE d
                SET d.queue_name = n.queue_name
                FROM dw.dim_queue AS d
                INNER JOIN (
                    SELECT s.queue_id, MAX(s.queue_name) AS queue_name
                    FROM #stage_agent_extended AS s
                    WHERE s.load_batch_id = @load_batch_id AND s.queue_name IS NOT NULL
                    GROUP BY s.queue_id
                ) AS n ON n.queue_id = d.queue_id
                WHERE d.source_key = @source_key
                  AND d.is_inferred = 1
                  AND (d.queue_name IS NULL OR d.queue_name <> n.queue_name COLLATE Latin1_General_100_BIN2);
                """),
            // The version valid at the row's time; the newest wins should versions ever overlap.
            new("agent_extended.resolve_keys", """
                UPDATE s
                SET s.agent_key = a.agent_key,
                    s.queue_key = q.queue_key
                FROM #stage_agent_extended AS s
                OUTER APPLY (SELECT TOP (1) d.agent_key FROM dw.dim_agent AS d WHERE d.source_key = @source_key AND d.agent_id = s.agent_id AND d.valid_from_utc <= s.interval_start_utc AND s.interval_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC) AS a
                OUTER APPLY (SELECT TOP (1) d.queue_key FROM dw.dim_queue AS d WHERE d.source_key = @source_key AND d.queue_id = s.queue_id AND d.valid_from_utc <= s.interval_start_utc AND s.interval_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC) AS q
                WHERE s.load_batch_id = @load_batch_id;
                """),
            // The replace below looks the stage up by resolved keys, while its clustered index is by ids: an index on the
            // keys, built once they are resolved (one sort of a private table), makes that lookup a seek whatever plan
            // the optimizer picks.
            new("agent_extended.index_stage_keys", """
                CREATE INDEX ix_stage_keys ON #stage_agent_extended (interval_key, agent_key, queue_key);
                """),
            // Facts of the covered intervals that the batch does not carry identically; identical rows stay untouched
            // (and keep their load_batch_id), so a repeated load changes nothing.
            new("agent_extended.delete_replaced_facts", """
                DELETE f
                FROM dw.fact_agent_queue_interval AS f
                WHERE f.source_key = @source_key
                  AND f.interval_key >= @from_key AND f.interval_key < @to_key
                  AND NOT EXISTS (
                      SELECT 1
                      FROM #stage_agent_extended AS s
                      WHERE s.load_batch_id = @load_batch_id
                        AND s.interval_key = f.interval_key
                        AND s.agent_key = f.agent_key
                        AND s.queue_key = f.queue_key
                        AND EXISTS (SELECT s.interval_minutes, s.talking_call_dur_sec, s.wrap_up_dur_sec, s.answ_call_cnt, s.transfer_out_call_cnt INTERSECT SELECT f.interval_minutes, f.talking_call_dur_sec, f.wrap_up_dur_sec, f.answ_call_cnt, f.transfer_out_call_cnt));
                """),
            new("agent_extended.insert_new_facts", """
                INSERT INTO dw.fact_agent_queue_interval (source_key, interval_key, agent_key, queue_key, interval_minutes, talking_call_dur_sec, wrap_up_dur_sec, answ_call_cnt, transfer_out_call_cnt, load_batch_id)
                SELECT @source_key, s.interval_key, s.agent_key, s.queue_key, s.interval_minutes, s.talking_call_dur_sec, s.wrap_up_dur_sec, s.answ_call_cnt, s.transfer_out_call_cnt, @load_batch_id
                FROM #stage_agent_extended AS s
                WHERE s.load_batch_id = @load_batch_id
                  AND NOT EXISTS (
                      SELECT 1
                      FROM dw.fact_agent_queue_interval AS f
                      WHERE f.source_key = @source_key
                        AND f.interval_key = s.interval_key
                        AND f.agent_key = s.agent_key
                        AND f.queue_key = s.queue_key);
                """),
        ],
        // The stage is the session's own: dropping it (inside the publish transaction) is all the clearing it needs.
        ClearStage: new("agent_extended.clear_stage", """
            DROP TABLE #stage_agent_extended;
            """));
}
