using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.Sqlite.Publish;

/// <summary>
/// Every statement of the agent-statistics publish on SQLite (fact_agent_interval and fact_agent_interval_measure). The
/// report stages first, into a TEMP copy of main.stage_agent_stats (<see cref="SqliteStageWriter{TRow}"/>, with
/// <see cref="StageInsert"/>), rather than going straight into its fact: each row also carries its other measures, which
/// a second fact table receives, and set-based statements over the stage replace both. The rules are the interval
/// reports': the covered slots end up holding exactly what the batch carried, identical rows are left alone (a repeated
/// load changes nothing), a repeated grain is refused by the stage's unique index.
/// </summary>
internal static class SqliteAgentStatsSql
{
    public static StageMembers Agents { get; } = new("temp.stage_agent_stats_agents", "agent_id", "agent_name", "dim_agent", "agent_key")
    {
        Insert = "INSERT INTO temp.stage_agent_stats_agents (agent_id, agent_name) VALUES (@id, @attribute);",
    };

    /// <summary>The multi-row INSERT of <paramref name="rows"/> staged rows, the columns in the staging layout's order.</summary>
    public static string StageInsert(int rows) => $"""
        INSERT INTO temp.stage_agent_stats (load_batch_id, interval_key, interval_start_utc, interval_minutes, agent_id, agent_name, logged_in_dur_sec, available_dur_sec, talking_call_dur_sec, wrap_up_dur_sec, away_dur_sec, presented_call_cnt, answ_call_cnt, transfer_out_call_cnt, other_measures_json)
        VALUES {SqliteValueRows.Of(rows, columns: 14, "@load_batch_id, ")};
        """;

    public static ReportSql Sql { get; } = new(
        new StageSql(
            "temp.stage_agent_stats",
            // The private stage: a TEMP copy of main.stage_agent_stats (same columns, same affinities), created inside the
            // load transaction so a rollback removes it; the table the agents' versions are copied into; the distinct
            // (agent_id, agent_name) pairs the stager collects.
            new("agent_stats.create_stage", """
                DROP TABLE IF EXISTS temp.stage_agent_stats;
                CREATE TEMP TABLE stage_agent_stats AS SELECT * FROM main.stage_agent_stats WHERE 0;
                DROP TABLE IF EXISTS temp.stage_agent_stats_agents_versions;
                CREATE TEMP TABLE stage_agent_stats_agents_versions (agent_id TEXT NOT NULL, valid_from_utc TEXT NOT NULL, valid_to_utc TEXT NOT NULL, agent_key INTEGER NOT NULL, PRIMARY KEY (agent_id, valid_from_utc)) WITHOUT ROWID;
                DROP TABLE IF EXISTS temp.stage_agent_stats_agents;
                CREATE TEMP TABLE stage_agent_stats_agents (agent_id TEXT NOT NULL, agent_name TEXT NULL);
                """),
            // Built once the rows are in (an index maintained while staging costs more than one sort), and UNIQUE: one
            // sort both indexes the stage and refuses a repeated grain, instead of a GROUP BY over the whole stage, which
            // (the duplicate check) runs only to name the repeated keys once the build has failed.
            new("agent_stats.index_stage", """
                CREATE UNIQUE INDEX temp.ux_stage_agent_stats_grain ON stage_agent_stats (load_batch_id, interval_key, agent_id);
                """),
            // The keys in the grain's order as on SQL Server (ids, then the interval), so the refusal reads the same on both engines.
            new("agent_stats.duplicate_check", """
                SELECT agent_id, interval_key, COUNT(*) AS copies
                FROM temp.stage_agent_stats
                WHERE load_batch_id = @load_batch_id
                GROUP BY agent_id, interval_key
                HAVING COUNT(*) > 1
                ORDER BY agent_id, interval_key
                LIMIT 5;
                """),
            new("agent_stats.count_stage", """
                SELECT COUNT(*) FROM temp.stage_agent_stats;
                """)),
        [
            // The members come from the small member table the stager fills with the batch's distinct (id, name) pairs,
            // not from a pass over the stage: MAX over distinct pairs is MAX over the rows.
            new("agent_stats.infer_agents", """
                INSERT INTO dim_agent (source_key, agent_id, agent_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
                SELECT @source_key, s.agent_id, MAX(s.agent_name), 1, 1, '1900-01-01 00:00:00.000', '9999-12-31 00:00:00.000', 1
                FROM temp.stage_agent_stats_agents AS s
                WHERE NOT EXISTS (SELECT 1 FROM dim_agent AS d WHERE d.source_key = @source_key AND d.agent_id = s.agent_id)
                GROUP BY s.agent_id
                ORDER BY s.agent_id;
                """),
            new("agent_stats.rename_inferred_agents", """
                UPDATE dim_agent
                SET agent_name = n.agent_name
                FROM (
                    SELECT s.agent_id, MAX(s.agent_name) AS agent_name
                    FROM temp.stage_agent_stats_agents AS s
                    WHERE s.agent_name IS NOT NULL
                    GROUP BY s.agent_id
                ) AS n
                WHERE dim_agent.source_key = @source_key
                  AND dim_agent.agent_id = n.agent_id
                  AND dim_agent.is_inferred = 1
                  AND dim_agent.agent_name IS NOT n.agent_name;
                """),

            // The batch's agents' versions, copied once so the per-row lookup below searches a small index-only table
            // instead of the dimension (its rows, and the source's other members).
            new("agent_stats.copy_agent_versions", """
                INSERT INTO temp.stage_agent_stats_agents_versions (agent_id, valid_from_utc, valid_to_utc, agent_key)
                SELECT d.agent_id, d.valid_from_utc, d.valid_to_utc, d.agent_key
                FROM dim_agent AS d
                WHERE d.source_key = @source_key
                  AND d.agent_id IN (SELECT m.agent_id FROM temp.stage_agent_stats_agents AS m);
                """),

            // The version valid at the slot's start; the newest wins should versions ever overlap. The versions table
            // holds every version of every agent the batch names (of this source), so this is the same lookup as in dim_agent.
            new("agent_stats.resolve_keys", """
                UPDATE temp.stage_agent_stats
                SET agent_key = (SELECT d.agent_key FROM temp.stage_agent_stats_agents_versions AS d WHERE d.agent_id = temp.stage_agent_stats.agent_id AND d.valid_from_utc <= temp.stage_agent_stats.interval_start_utc AND temp.stage_agent_stats.interval_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC LIMIT 1)
                WHERE load_batch_id = @load_batch_id;
                """),

            // The lookups below go by resolved key; the stage's unique index is by id.
            new("agent_stats.index_stage_keys", """
                CREATE INDEX temp.ix_stage_agent_stats_key ON stage_agent_stats (interval_key, agent_key);
                """),
            new("agent_stats.delete_replaced_measures", """
                DELETE FROM fact_agent_interval_measure
                WHERE source_key = @source_key
                  AND interval_key >= @from_key AND interval_key < @to_key
                  AND NOT EXISTS (
                      SELECT 1
                      FROM temp.stage_agent_stats AS s, json_each(s.other_measures_json) AS j
                      WHERE s.interval_key = fact_agent_interval_measure.interval_key
                        AND s.agent_key = fact_agent_interval_measure.agent_key
                        AND json_extract(j.value, '$.name') = fact_agent_interval_measure.measure_name
                        AND json_extract(j.value, '$.value') = fact_agent_interval_measure.measure_value);
                """),
            new("agent_stats.delete_replaced_facts", """
                DELETE FROM fact_agent_interval
                WHERE source_key = @source_key
                  AND interval_key >= @from_key AND interval_key < @to_key
                  AND NOT EXISTS (
                      SELECT 1
                      FROM temp.stage_agent_stats AS s
                      WHERE s.interval_key = fact_agent_interval.interval_key
                        AND s.agent_key = fact_agent_interval.agent_key
                        AND s.interval_minutes IS fact_agent_interval.interval_minutes
                        AND s.logged_in_dur_sec IS fact_agent_interval.logged_in_dur_sec
                        AND s.available_dur_sec IS fact_agent_interval.available_dur_sec
                        AND s.talking_call_dur_sec IS fact_agent_interval.talking_call_dur_sec
                        AND s.wrap_up_dur_sec IS fact_agent_interval.wrap_up_dur_sec
                        AND s.away_dur_sec IS fact_agent_interval.away_dur_sec
                        AND s.presented_call_cnt IS fact_agent_interval.presented_call_cnt
                        AND s.answ_call_cnt IS fact_agent_interval.answ_call_cnt
                        AND s.transfer_out_call_cnt IS fact_agent_interval.transfer_out_call_cnt);
                """),
            new("agent_stats.insert_new_facts", """
                INSERT INTO fact_agent_interval (source_key, interval_key, agent_key, interval_minutes, logged_in_dur_sec, available_dur_sec, talking_call_dur_sec, wrap_up_dur_sec, away_dur_sec, presented_call_cnt, answ_call_cnt, transfer_out_call_cnt, load_batch_id)
                SELECT @source_key, s.interval_key, s.agent_key, s.interval_minutes, s.logged_in_dur_sec, s.available_dur_sec, s.talking_call_dur_sec, s.wrap_up_dur_sec, s.away_dur_sec, s.presented_call_cnt, s.answ_call_cnt, s.transfer_out_call_cnt, @load_batch_id
                FROM temp.stage_agent_stats AS s
                WHERE s.load_batch_id = @load_batch_id
                  AND NOT EXISTS (
                      SELECT 1
                      FROM fact_agent_interval AS f
                      WHERE f.source_key = @source_key
                        AND f.interval_key = s.interval_key
                        AND f.agent_key = s.agent_key)
                ORDER BY s.interval_key, s.agent_key;
                """),
            new("agent_stats.insert_new_measures", """
                INSERT INTO fact_agent_interval_measure (source_key, interval_key, agent_key, measure_name, measure_value, load_batch_id)
                SELECT @source_key, s.interval_key, s.agent_key, json_extract(j.value, '$.name'), json_extract(j.value, '$.value'), @load_batch_id
                FROM temp.stage_agent_stats AS s, json_each(s.other_measures_json) AS j
                WHERE s.load_batch_id = @load_batch_id
                  AND NOT EXISTS (
                      SELECT 1
                      FROM fact_agent_interval_measure AS m
                      WHERE m.source_key = @source_key
                        AND m.interval_key = s.interval_key
                        AND m.agent_key = s.agent_key
                        AND m.measure_name = json_extract(j.value, '$.name'))
                ORDER BY s.interval_key, s.agent_key, json_extract(j.value, '$.name');
                """),
        ],
        // The temp tables are the batch's alone; dropping them is the cheapest way to empty them.
        new("agent_stats.clear_stage", """
            DROP TABLE temp.stage_agent_stats;
            DROP TABLE temp.stage_agent_stats_agents;
            DROP TABLE temp.stage_agent_stats_agents_versions;
            """));
}
