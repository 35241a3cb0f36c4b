using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.SqlServer;

/// <summary>
/// The SQL Server publish of agent statistics: the interval reports' protocol (private #temp stage with a unique
/// clustered grain index, inferred agents, point-in-time keys, replace what changed in the covered slots) for
/// dw.fact_agent_interval, and the same for each row's other measures (dw.fact_agent_interval_measure), which travel in
/// the stage as a JSON array and are unpacked with OPENJSON.
/// </summary>
internal static class SqlServerAgentStatsStatements
{
    private const string Stage = "#stage_agent_stats";

    // Names are compared byte for byte, like ids: the fact column's collation, spelled out for OPENJSON's output.
    private const string OpenMeasures = """
        CROSS APPLY OPENJSON(s.other_measures_json)
                WITH (
                    measure_name  nvarchar(128)  '$.name',
                    measure_value decimal(19, 3) '$.value'
                ) AS j
        """;

    public static ReportSql Sql { get; } = Build();

    private static ReportSql Build()
    {
        var measures = AgentStatsColumns.Measures;
        return new(
            SqlServerStatements.Stage("agent_stats", Stage, ["interval_key", "agent_id"], ["agent_id", "interval_key"]),
            [
                SqlServerStatements.InferMembers("agent_stats.infer_agents", Stage, "dw.dim_agent", "agent_id", "agent_name"),
                SqlServerStatements.RenameInferred("agent_stats.rename_inferred_agents", Stage, "dw.dim_agent", "agent_id", "agent_name"),
                new("agent_stats.resolve_keys", $"""
                    UPDATE s
                    SET s.agent_key = a.agent_key
                    FROM {Stage} AS s
                    {SqlServerStatements.PointInTime("a", "dw.dim_agent", "agent_key", "agent_id", "interval_start_utc")}
                    WHERE s.load_batch_id = @load_batch_id;
                    """),
                new("agent_stats.delete_replaced_measures", $"""
                    DELETE m
                    FROM dw.fact_agent_interval_measure AS m
                    WHERE m.source_key = @source_key
                      AND m.interval_key >= @from_key AND m.interval_key < @to_key
                      AND NOT EXISTS (
                          SELECT 1
                          FROM {Stage} AS s
                          {OpenMeasures}
                          WHERE s.load_batch_id = @load_batch_id
                            AND s.interval_key = m.interval_key
                            AND s.agent_key = m.agent_key
                            AND j.measure_name COLLATE Latin1_General_100_BIN2 = m.measure_name
                            AND j.measure_value = m.measure_value);
                    """),
                SqlServerStatements.DeleteReplacedFacts("agent_stats.delete_replaced_facts", Stage, "dw.fact_agent_interval", ["interval_key", "agent_key"], measures),
                SqlServerStatements.InsertNewFacts("agent_stats.insert_new_facts", Stage, "dw.fact_agent_interval", ["interval_key", "agent_key"], measures),
                new("agent_stats.insert_new_measures", $"""
                    INSERT INTO dw.fact_agent_interval_measure (source_key, interval_key, agent_key, measure_name, measure_value, load_batch_id)
                    SELECT @source_key, s.interval_key, s.agent_key, j.measure_name, j.measure_value, @load_batch_id
                    FROM {Stage} AS s
                    {OpenMeasures}
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
            SqlServerStatements.ClearStage("agent_stats", [Stage]));
    }
}
