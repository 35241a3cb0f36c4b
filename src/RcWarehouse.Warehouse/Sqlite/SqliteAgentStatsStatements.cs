using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// The SQLite publish of agent statistics. The report stages first (a TEMP stage, like segments) rather than going
/// straight into its fact: each row also carries its other measures, which a second fact table receives, and set-based
/// statements over the stage replace both. The rules are the interval reports': the covered slots end up holding
/// exactly what the batch carried, identical rows are left alone (a repeated load changes nothing), a repeated grain is
/// refused by the stage's unique index.
/// </summary>
internal static class SqliteAgentStatsStatements
{
    private const string Stage = "temp.stage_agent_stats";

    public static IReadOnlyList<StageMembers> Members { get; } = [new("temp.stage_agent_stats_agents", "agent_id", "agent_name", "dim_agent", "agent_key")];

    public static ReportSql Sql { get; } = Build();

    private static ReportSql Build()
    {
        var agents = Members[0];
        var measures = AgentStatsColumns.Measures;
        return new(
            SqliteStatements.StagedStage("agent_stats", "agent_stats", ["interval_key", "agent_id"]),
            [
                SqliteStatements.InferMembers("agent_stats.infer_agents", agents, "dim_agent"),
                SqliteStatements.RenameInferred("agent_stats.rename_inferred_agents", agents, "dim_agent"),
                SqliteStatements.CopyVersions("agent_stats.copy_agent_versions", agents),
                new("agent_stats.resolve_keys", $"""
                    UPDATE {Stage}
                    SET agent_key = {SqliteStatements.PointInTime(Stage, agents, "interval_start_utc")}
                    WHERE load_batch_id = @load_batch_id;
                    """),
                // The lookups below go by resolved key; the stage's unique index is by id.
                new("agent_stats.index_stage_keys", "CREATE INDEX temp.ix_stage_agent_stats_key ON stage_agent_stats (interval_key, agent_key);"),
                new("agent_stats.delete_replaced_measures", $"""
                    DELETE FROM fact_agent_interval_measure
                    WHERE source_key = @source_key
                      AND interval_key >= @from_key AND interval_key < @to_key
                      AND NOT EXISTS (
                          SELECT 1
                          FROM {Stage} AS s, json_each(s.other_measures_json) AS j
                          WHERE s.interval_key = fact_agent_interval_measure.interval_key
                            AND s.agent_key = fact_agent_interval_measure.agent_key
                            AND json_extract(j.value, '$.name') = fact_agent_interval_measure.measure_name
                            AND json_extract(j.value, '$.value') = fact_agent_interval_measure.measure_value);
                    """),
                new("agent_stats.delete_replaced_facts", $"""
                    DELETE FROM fact_agent_interval
                    WHERE source_key = @source_key
                      AND interval_key >= @from_key AND interval_key < @to_key
                      AND NOT EXISTS (
                          SELECT 1
                          FROM {Stage} AS s
                          WHERE s.interval_key = fact_agent_interval.interval_key
                            AND s.agent_key = fact_agent_interval.agent_key
                            AND {SqliteStatements.Same("s", "fact_agent_interval", measures)});
                    """),
                new("agent_stats.insert_new_facts", $"""
                    INSERT INTO fact_agent_interval (source_key, interval_key, agent_key, {string.Join(", ", measures)}, load_batch_id)
                    SELECT @source_key, s.interval_key, s.agent_key, {string.Join(", ", measures.Select(c => "s." + c))}, @load_batch_id
                    FROM {Stage} AS s
                    WHERE s.load_batch_id = @load_batch_id
                      AND NOT EXISTS (
                          SELECT 1
                          FROM fact_agent_interval AS f
                          WHERE f.source_key = @source_key
                            AND f.interval_key = s.interval_key
                            AND f.agent_key = s.agent_key)
                    ORDER BY s.interval_key, s.agent_key;
                    """),
                new("agent_stats.insert_new_measures", $"""
                    INSERT INTO fact_agent_interval_measure (source_key, interval_key, agent_key, measure_name, measure_value, load_batch_id)
                    SELECT @source_key, s.interval_key, s.agent_key, json_extract(j.value, '$.name'), json_extract(j.value, '$.value'), @load_batch_id
                    FROM {Stage} AS s, json_each(s.other_measures_json) AS j
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
            SqliteStatements.ClearStage("agent_stats", Stage, Members));
    }
}
