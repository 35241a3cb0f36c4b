using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>The reference load's statements on SQLite (see <see cref="ReferenceSql"/>). BEGIN IMMEDIATE serialises them with every publisher.</summary>
internal static class SqliteReferenceStatements
{
    private const string AgentAttributes =
        "rc_user_id, first_name, last_name, agent_name, user_name, email, agent_type, agent_group_id, agent_group_name, is_active";

    private const string QueueAttributes = "queue_name, queue_group_id, queue_group_name, queue_type, is_active";

    public static ReferenceSql Sql { get; } = new()
    {
        LastAsOf = new("reference_last_as_of", """
            SELECT MAX(b.window_end_utc)
            FROM load_batch AS b
            WHERE b.source_key = @source_key
              AND b.report = 'reference'
              AND b.status = 'succeeded';
            """),
        SelectAgents = new("reference_select_agents", $"""
            SELECT agent_key, agent_id, {AgentAttributes}, is_inferred, valid_from_utc
            FROM dim_agent
            WHERE source_key = @source_key
              AND is_current = 1
            ORDER BY agent_id;
            """),
        SelectAgentSupervisors = new("reference_select_agent_supervisors", """
            SELECT agent_id, supervisor_agent_id, valid_from_utc
            FROM bridge_agent_supervisor
            WHERE source_key = @source_key
              AND valid_to_utc = @open_until
            ORDER BY agent_id, supervisor_agent_id;
            """),
        InsertAgent = new("reference_insert_agent", $"""
            INSERT INTO dim_agent (source_key, agent_id, {AgentAttributes}, is_inferred, valid_from_utc, valid_to_utc, is_current)
            VALUES (@source_key, @agent_id, @rc_user_id, @first_name, @last_name, @agent_name, @user_name, @email, @agent_type,
                    @agent_group_id, @agent_group_name, @is_active, 0, @valid_from_utc, @open_until, 1)
            RETURNING agent_key;
            """),
        CloseAgent = new("reference_close_agent", """
            UPDATE dim_agent
            SET valid_to_utc = @as_of_utc,
                is_current = 0
            WHERE agent_key = @agent_key;
            """),
        CompleteAgent = new("reference_complete_agent", """
            UPDATE dim_agent
            SET rc_user_id = @rc_user_id,
                first_name = @first_name,
                last_name = @last_name,
                agent_name = @agent_name,
                user_name = @user_name,
                email = @email,
                agent_type = @agent_type,
                agent_group_id = @agent_group_id,
                agent_group_name = @agent_group_name,
                is_active = @is_active,
                is_inferred = 0
            WHERE agent_key = @agent_key;
            """),
        UpdateAgentIdentity = new("reference_update_agent_identity", """
            UPDATE dim_agent
            SET rc_user_id = @rc_user_id,
                user_name = @user_name,
                email = @email
            WHERE source_key = @source_key
              AND agent_id = @agent_id;
            """),
        CloseAgentSupervisor = new("reference_close_agent_supervisor", """
            UPDATE bridge_agent_supervisor
            SET valid_to_utc = @as_of_utc
            WHERE source_key = @source_key
              AND agent_id = @agent_id
              AND supervisor_agent_id = @supervisor_agent_id
              AND valid_to_utc = @open_until;
            """),
        InsertAgentSupervisor = new("reference_insert_agent_supervisor", """
            INSERT INTO bridge_agent_supervisor (source_key, agent_id, supervisor_agent_id, valid_from_utc, valid_to_utc)
            VALUES (@source_key, @agent_id, @supervisor_agent_id, @valid_from_utc, @open_until);
            """),
        RepointAgentFacts = new("reference_repoint_agent_facts", """
            UPDATE fact_agent_queue_interval
            SET agent_key = @new_key
            WHERE source_key = @source_key
              AND agent_key = @old_key
              AND interval_key >= @from_key;

            UPDATE fact_agent_interval
            SET agent_key = @new_key
            WHERE source_key = @source_key
              AND agent_key = @old_key
              AND interval_key >= @from_key;

            UPDATE fact_agent_interval_measure
            SET agent_key = @new_key
            WHERE source_key = @source_key
              AND agent_key = @old_key
              AND interval_key >= @from_key;

            UPDATE fact_segment
            SET agent_key = @new_key
            WHERE source_key = @source_key
              AND agent_key = @old_key
              AND segment_start_utc >= @as_of_utc;
            """),
        SelectQueues = new("reference_select_queues", $"""
            SELECT queue_key, queue_id, {QueueAttributes}, is_inferred, valid_from_utc
            FROM dim_queue
            WHERE source_key = @source_key
              AND is_current = 1
            ORDER BY queue_id;
            """),
        SelectQueueAgents = new("reference_select_queue_agents", """
            SELECT queue_id, agent_id, valid_from_utc
            FROM bridge_queue_agent
            WHERE source_key = @source_key
              AND valid_to_utc = @open_until
            ORDER BY queue_id, agent_id;
            """),
        InsertQueue = new("reference_insert_queue", $"""
            INSERT INTO dim_queue (source_key, queue_id, {QueueAttributes}, is_inferred, valid_from_utc, valid_to_utc, is_current)
            VALUES (@source_key, @queue_id, @queue_name, @queue_group_id, @queue_group_name, @queue_type, @is_active, 0,
                    @valid_from_utc, @open_until, 1)
            RETURNING queue_key;
            """),
        CloseQueue = new("reference_close_queue", """
            UPDATE dim_queue
            SET valid_to_utc = @as_of_utc,
                is_current = 0
            WHERE queue_key = @queue_key;
            """),
        CompleteQueue = new("reference_complete_queue", """
            UPDATE dim_queue
            SET queue_name = @queue_name,
                queue_group_id = @queue_group_id,
                queue_group_name = @queue_group_name,
                queue_type = @queue_type,
                is_active = @is_active,
                is_inferred = 0
            WHERE queue_key = @queue_key;
            """),
        CloseQueueAgent = new("reference_close_queue_agent", """
            UPDATE bridge_queue_agent
            SET valid_to_utc = @as_of_utc
            WHERE source_key = @source_key
              AND queue_id = @queue_id
              AND agent_id = @agent_id
              AND valid_to_utc = @open_until;
            """),
        InsertQueueAgent = new("reference_insert_queue_agent", """
            INSERT INTO bridge_queue_agent (source_key, queue_id, agent_id, valid_from_utc, valid_to_utc)
            VALUES (@source_key, @queue_id, @agent_id, @valid_from_utc, @open_until);
            """),
        RepointQueueFacts = new("reference_repoint_queue_facts", """
            UPDATE fact_agent_queue_interval
            SET queue_key = @new_key
            WHERE source_key = @source_key
              AND queue_key = @old_key
              AND interval_key >= @from_key;

            UPDATE fact_queue_interval
            SET queue_key = @new_key
            WHERE source_key = @source_key
              AND queue_key = @old_key
              AND interval_key >= @from_key;
            """),
        ResolveSegmentAgents = new("reference_resolve_segment_agents", $"""
            UPDATE fact_segment
            SET agent_key = {ByRcUserId("agent_key")},
                agent_id = {ByRcUserId("agent_id")}
            WHERE source_key = @source_key
              AND agent_key IS NULL
              AND rc_user_id IS NOT NULL
              AND {ByRcUserId("agent_key")} IS NOT NULL;
            """),
    };

    /// <summary>
    /// A segment whose report named its agent only by RingCentral user id (legacy) resolves to the agent version that
    /// carried that user id when the segment started. Shared with the segments publish step.
    /// </summary>
    public static string ByRcUserId(string column, string segment = "fact_segment") =>
        $"(SELECT d.{column} FROM dim_agent AS d WHERE d.source_key = @source_key AND d.rc_user_id = {segment}.rc_user_id " +
        $"AND d.valid_from_utc <= {segment}.segment_start_utc AND {segment}.segment_start_utc < d.valid_to_utc " +
        "ORDER BY d.valid_from_utc DESC, d.agent_key DESC LIMIT 1)";
}
