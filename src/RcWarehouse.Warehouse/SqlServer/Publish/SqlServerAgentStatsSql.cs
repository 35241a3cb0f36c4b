using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.SqlServer.Publish;

/// <summary>
/// The agent statistics report's publish on SQL Server, in the order it runs: the batch's private stage, the publish
/// statements (inside the publish transaction, every one with @load_batch_id, @source_key, @from_key, @to_key), the
/// clear. The interval reports' protocol (inferred agents, point-in-time keys, replace what changed in the covered
/// slots) for dw.fact_agent_interval, and the same for each row's other measures (dw.fact_agent_interval_measure),
/// which travel in the stage as a JSON array and are unpacked with OPENJSON. Null-safe comparison is written
/// <c>EXISTS (SELECT a INTERSECT SELECT b)</c>.
/// </summary>
internal static class SqlServerAgentStatsSql
{
    public static ReportSql Sql { get; } = new(
        Stage: new StageSql(
            Table: "#stage_agent_stats",
            // A #temp table of the loading session, a copy of stage.agent_stats's columns (SELECT TOP (0) ... INTO keeps
            // their types, nullability and collations), then filled by SqlBulkCopy.
            Create: new("agent_stats.create_stage", """
                DROP TABLE IF EXISTS #stage_agent_stats;
                SELECT TOP (0) * INTO #stage_agent_stats FROM stage.agent_stats;
                """),
            // Built after the copy (one sort): the publish seeks it, and a repeated grain fails the build (error 1505).
            // A resolved key names one id, so an id grain that is unique is a key grain that is unique.
            Index: new("agent_stats.index_stage", """
                CREATE UNIQUE CLUSTERED INDEX ux_stage_grain ON #stage_agent_stats (interval_key, agent_id);
                """),
            DuplicateCheck: new("agent_stats.duplicate_check", """
                SELECT TOP (5) agent_id, interval_key, COUNT_BIG(*) AS copies
                FROM #stage_agent_stats
                WHERE load_batch_id = @load_batch_id
                GROUP BY agent_id, interval_key
                HAVING COUNT_BIG(*) > 1
                ORDER BY agent_id, interval_key;
                """),
            Count: new("agent_stats.count_stage", """
                SELECT COUNT_BIG(*) FROM #stage_agent_stats;
                """)),
        Publish:
        [
            // UPDLOCK + HOLDLOCK: agents are shared by the reports of one source, whose publishers hold different applocks.
            new("agent_stats.infer_agents", """
                INSERT INTO dw.dim_agent (source_key, agent_id, agent_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
                SELECT @source_key, s.agent_id, MAX(s.agent_name), 1, 1, CONVERT(datetime2(3), '1900-01-01T00:00:00.000', 126), CONVERT(datetime2(3), '9999-12-31T00:00:00.000', 126), 1
                FROM #stage_agent_stats AS s
                WHERE s.load_batch_id = @load_batch_id
                  AND s.agent_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM dw.dim_agent AS d WITH (UPDLOCK, HOLDLOCK) WHERE d.source_key = @source_key AND d.agent_id = s.agent_id)
                GROUP BY s.agent_id
                ORDER BY s.agent_id;
                """),
            // A binary comparison, so a name that only changes case is still taken.
            new("agent_stats.rename_inferred_agents", """
                UPDATE d
                SET d.agent_name = n.agent_name
                FROM dw.dim_agent AS d
                INNER JOIN (
                    SELECT s.agent_id, MAX(s.agent_name) AS agent_name
                    FROM #stage_agent_stats AS s
                    WHERE s.load_batch_id = @load_batch_id AND s.agent_name IS NOT NULL
                    GROUP BY s.agent_id
                ) AS n ON n.agent_id = d.agent_id
                WHERE d.source_key = @source_key
                  AND d.is_inferred = 1
                  AND (d.agent_name IS NULL OR d.agent_name <> n.agent_name COLLATE Latin1_General_100_BIN2);
                """),
            // The version valid at the row's time; the newest wins should versions ever overlap.
            new("agent_stats.resolve_keys", """
                UPDATE s
                SET s.agent_key = a.agent_key
                FROM #stage_agent_stats AS s
                OUTER APPLY (SELECT TOP (1) d.agent_key FROM dw.dim_agent AS d WHERE d.source_key = @source_key AND d.agent_id = s.agent_id AND d.valid_from_utc <= s.interval_start_utc AND s.interval_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC) AS a
                WHERE s.load_batch_id = @load_batch_id;
                """),
            // The replace below looks the stage up by resolved keys, while its clustered index is by ids: an index on the
            // keys, built once they are resolved (one sort of a private table), makes that lookup a seek whatever plan
            // the optimizer picks.
            new("agent_stats.index_stage_keys", """
                CREATE INDEX ix_stage_keys ON #stage_agent_stats (interval_key, agent_key);
                """),
            // The other measures of the covered intervals that the batch does not carry identically. Names are compared
            // byte for byte, like ids: the fact column's collation, spelled out for OPENJSON's output.
            new("agent_stats.delete_replaced_measures", """
                DELETE m
                FROM dw.fact_agent_interval_measure AS m
                WHERE m.source_key = @source_key
                  AND m.interval_key >= @from_key AND m.interval_key < @to_key
                  AND NOT EXISTS (
                      SELECT 1
                      FROM #stage_agent_stats AS s
                      CROSS APPLY OPENJSON(s.other_measures_json)
                        WITH (
                            measure_name  nvarchar(128)  '$.name',
                            measure_value decimal(19, 3) '$.value'
                        ) AS j
                      WHERE s.load_batch_id = @load_batch_id
                        AND s.interval_key = m.interval_key
                        AND s.agent_key = m.agent_key
                        AND j.measure_name COLLATE Latin1_General_100_BIN2 = m.measure_name
                        AND j.measure_value = m.measure_value);
                """),
            // Facts of the covered intervals that the batch does not carry identically; identical rows stay untouched
            // (and keep their load_batch_id), so a repeated load changes nothing.
            new("agent_stats.delete_replaced_facts", """
                DELETE f
                FROM dw.fact_agent_interval AS f
                WHERE f.source_key = @source_key
                  AND f.interval_key >= @from_key AND f.interval_key < @to_key
                  AND NOT EXISTS (
                      SELECT 1
                      FROM #stage_agent_stats AS s
                      WHERE s.load_batch_id = @load_batch_id
                        AND s.interval_key = f.interval_key
                        AND s.agent_key = f.agent_key
                        AND EXISTS (SELECT s.interval_minutes, s.logged_in_dur_sec, s.available_dur_sec, s.talking_call_dur_sec, s.wrap_up_dur_sec, s.away_dur_sec, s.presented_call_cnt, s.answ_call_cnt, s.transfer_out_call_cnt INTERSECT SELECT f.interval_minutes, f.logged_in_dur_sec, f.available_dur_sec, f.talking_call_dur_sec, f.wrap_up_dur_sec, f.away_dur_sec, f.presented_call_cnt, f.answ_call_cnt, f.transfer_out_call_cnt));
                """),
            new("agent_stats.insert_new_facts", """
                INSERT INTO dw.fact_agent_interval (source_key, interval_key, agent_key, interval_minutes, logged_in_dur_sec, available_dur_sec, talking_call_dur_sec, wrap_up_dur_sec, away_dur_sec, presented_call_cnt, answ_call_cnt, transfer_out_call_cnt, load_batch_id)
                SELECT @source_key, s.interval_key, s.agent_key, s.interval_minutes, s.logged_in_dur_sec, s.available_dur_sec, s.talking_call_dur_sec, s.wrap_up_dur_sec, s.away_dur_sec, s.presented_call_cnt, s.answ_call_cnt, s.transfer_out_call_cnt, @load_batch_id
                FROM #stage_agent_stats AS s
                WHERE s.load_batch_id = @load_batch_id
                  AND NOT EXISTS (
                      SELECT 1
                      FROM dw.fact_agent_interval AS f
                      WHERE f.source_key = @source_key
                        AND f.interval_key = s.interval_key
                        AND f.agent_key = s.agent_key);
                """),
            new("agent_stats.insert_new_measures", """
                INSERT INTO dw.fact_agent_interval_measure (source_key, interval_key, agent_key, measure_name, measure_value, load_batch_id)
                SELECT @source_key, s.interval_key, s.agent_key, j.measure_name, j.measure_value, @load_batch_id
                FROM #stage_agent_stats AS s
                CROSS APPLY OPENJSON(s.other_measures_json)
                        WITH (
                            measure_name  nvarchar(128)  '$.name',
                            measure_value decimal(19, 3) '$.value'
                        ) AS j
                WHERE s.load_batch_id = @load_batch_id
                  AND NOT EXISTS (
                      SELECT 1
                      FROM dw.fact_agent_interval_measure AS m
                      WHERE m.source_key = @source_key
                        AND m.interval_key = s.interval_key
                        AND m.agent_key = s.agent_key
                        AND m.measure_name = j.measure_name COLLATE Latin1_General_100_BIN2);
                """),
        ],
        // The stage is the session's own: dropping it (inside the publish transaction) is all the clearing it needs.
        ClearStage: new("agent_stats.clear_stage", """
            DROP TABLE #stage_agent_stats;
            """));
}
