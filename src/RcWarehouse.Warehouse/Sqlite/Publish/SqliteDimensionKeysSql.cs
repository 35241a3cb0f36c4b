namespace RcWarehouse.Warehouse.Sqlite.Publish;

/// <summary>
/// The statements <see cref="DimensionKeys"/> sends while the interval reports' rows are written straight into their
/// facts: a member's versions, read once per member and batch, and the inferred row of a member no dimension row knows
/// yet, valid for all time (<see cref="SqliteStatements.MinValidFromText"/> to <see cref="SqliteStatements.MaxValidToText"/>)
/// until reference data completes it. Parameters: @source_key, @id, and @attribute (the name the report carries).
/// </summary>
internal static class SqliteDimensionKeysSql
{
    public const string SelectAgentVersions = """
        SELECT valid_from_utc, valid_to_utc, agent_key
        FROM dim_agent
        WHERE source_key = @source_key AND agent_id = @id
        ORDER BY valid_from_utc DESC;
        """;

    public const string InferAgent = """
        INSERT INTO dim_agent (source_key, agent_id, agent_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
        VALUES (@source_key, @id, @attribute, 1, 1, '1900-01-01 00:00:00.000', '9999-12-31 00:00:00.000', 1)
        RETURNING agent_key;
        """;

    public const string SelectQueueVersions = """
        SELECT valid_from_utc, valid_to_utc, queue_key
        FROM dim_queue
        WHERE source_key = @source_key AND queue_id = @id
        ORDER BY valid_from_utc DESC;
        """;

    public const string InferQueue = """
        INSERT INTO dim_queue (source_key, queue_id, queue_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
        VALUES (@source_key, @id, @attribute, 1, 1, '1900-01-01 00:00:00.000', '9999-12-31 00:00:00.000', 1)
        RETURNING queue_key;
        """;

    public static string SelectVersions(StageMembers members) => (members.Dimension, members.IdColumn, members.KeyColumn) switch
    {
        ("dim_agent", "agent_id", "agent_key") => SelectAgentVersions,
        ("dim_queue", "queue_id", "queue_key") => SelectQueueVersions,
        _ => throw new ArgumentOutOfRangeException(nameof(members), members.Table, "No version lookup is written for these members."),
    };

    // By attribute too: the inferred row takes the name the report carries (segments name agents by rc_user_id and
    // infer them set-based, never here).
    public static string InferMember(StageMembers members) => (members.Dimension, members.IdColumn, members.AttributeColumn) switch
    {
        ("dim_agent", "agent_id", "agent_name") => InferAgent,
        ("dim_queue", "queue_id", "queue_name") => InferQueue,
        _ => throw new ArgumentOutOfRangeException(nameof(members), members.Table, "No inferred-member insert is written for these members."),
    };
}
