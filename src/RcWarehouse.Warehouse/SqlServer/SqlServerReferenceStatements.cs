using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.SqlServer;

/// <summary>
/// The reference load's statements on SQL Server (see <see cref="ReferenceSql"/>). The load holds the applocks
/// <c>rcwarehouse/publish/{source}/reference</c> and <c>rcwarehouse/dimensions/{source}</c> (Exclusive, so no report
/// publish of the source touches its dimension rows meanwhile), and reads the current versions WITH (UPDLOCK, HOLDLOCK) so a report
/// publisher inferring a member of the same source waits instead of racing it into the current-version index.
/// </summary>
internal static class SqlServerReferenceStatements
{
    public static ReferenceSql Sql { get; } = new()
    {
        LastAsOf = new("reference_last_as_of", """
            SELECT MAX(b.window_end_utc)
            FROM etl.load_batch AS b
            WHERE b.source_key = @source_key
              AND b.report = N'reference'
              AND b.status = 'succeeded';
            """),
        SelectAgents = new("reference_select_agents", """
            SELECT d.agent_key, d.agent_id, d.rc_user_id, d.first_name, d.last_name, d.agent_name, d.user_name, d.email, d.agent_type, d.agent_group_id, d.agent_group_name, d.is_active, d.is_inferred, d.valid_from_utc
            FROM dw.dim_agent AS d WITH (UPDLOCK, HOLDLOCK)
            WHERE d.source_key = @source_key
              AND d.is_current = 1
            ORDER BY d.agent_id;
            """),
        SelectAgentSupervisors = new("reference_select_agent_supervisors", """
            SELECT b.agent_id, b.supervisor_agent_id, b.valid_from_utc
            FROM dw.bridge_agent_supervisor AS b WITH (UPDLOCK, HOLDLOCK)
            WHERE b.source_key = @source_key
              AND b.valid_to_utc = @open_until
            ORDER BY b.agent_id, b.supervisor_agent_id;
            """),
        // OUTPUT ... INTO a table variable rather than a bare OUTPUT: a bare OUTPUT clause is refused on a table that
        // has an enabled trigger, which a DBA may well add for auditing.
        InsertAgent = new("reference_insert_agent", """
            DECLARE @keys TABLE (agent_key int NOT NULL);

            INSERT INTO dw.dim_agent (source_key, agent_id, rc_user_id, first_name, last_name, agent_name, user_name, email, agent_type, agent_group_id, agent_group_name, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
            OUTPUT inserted.agent_key INTO @keys (agent_key)
            VALUES (@source_key, @agent_id, @rc_user_id, @first_name, @last_name, @agent_name, @user_name, @email, @agent_type,
                    @agent_group_id, @agent_group_name, @is_active, 0, @valid_from_utc, @open_until, 1);

            SELECT k.agent_key FROM @keys AS k;
            """),
        CloseAgent = new("reference_close_agent", """
            UPDATE dw.dim_agent
            SET valid_to_utc = @as_of_utc,
                is_current = 0
            WHERE agent_key = @agent_key;
            """),
        CompleteAgent = new("reference_complete_agent", """
            UPDATE dw.dim_agent
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
            UPDATE dw.dim_agent
            SET rc_user_id = @rc_user_id,
                user_name = @user_name,
                email = @email
            WHERE source_key = @source_key
              AND agent_id = @agent_id;
            """),
        CloseAgentSupervisor = new("reference_close_agent_supervisor", """
            UPDATE dw.bridge_agent_supervisor
            SET valid_to_utc = @as_of_utc
            WHERE source_key = @source_key
              AND agent_id = @agent_id
              AND supervisor_agent_id = @supervisor_agent_id
              AND valid_to_utc = @open_until;
            """),
        InsertAgentSupervisor = new("reference_insert_agent_supervisor", """
            INSERT INTO dw.bridge_agent_supervisor (source_key, agent_id, supervisor_agent_id, valid_from_utc, valid_to_utc)
            VALUES (@source_key, @agent_id, @supervisor_agent_id, @valid_from_utc, @open_until);
            """),
        RepointAgentFacts = new("reference_repoint_agent_facts", """
            UPDATE dw.fact_agent_queue_interval
            SET agent_key = @new_key
            WHERE source_key = @source_key
              AND agent_key = @old_key
              AND interval_key >= @from_key;

            UPDATE dw.fact_agent_interval
            SET agent_key = @new_key
            WHERE source_key = @source_key
              AND agent_key = @old_key
              AND interval_key >= @from_key;

            UPDATE dw.fact_agent_interval_measure
            SET agent_key = @new_key
            WHERE source_key = @source_key
              AND agent_key = @old_key
              AND interval_key >= @from_key;

            UPDATE dw.fact_segment
            SET agent_key = @new_key
            WHERE source_key = @source_key
              AND agent_key = @old_key
              AND segment_start_utc >= @as_of_utc;
            """),
        SelectQueues = new("reference_select_queues", """
            SELECT d.queue_key, d.queue_id, d.queue_name, d.queue_group_id, d.queue_group_name, d.queue_type, d.is_active, d.is_inferred, d.valid_from_utc
            FROM dw.dim_queue AS d WITH (UPDLOCK, HOLDLOCK)
            WHERE d.source_key = @source_key
              AND d.is_current = 1
            ORDER BY d.queue_id;
            """),
        SelectQueueAgents = new("reference_select_queue_agents", """
            SELECT b.queue_id, b.agent_id, b.valid_from_utc
            FROM dw.bridge_queue_agent AS b WITH (UPDLOCK, HOLDLOCK)
            WHERE b.source_key = @source_key
              AND b.valid_to_utc = @open_until
            ORDER BY b.queue_id, b.agent_id;
            """),
        InsertQueue = new("reference_insert_queue", """
            DECLARE @keys TABLE (queue_key int NOT NULL);

            INSERT INTO dw.dim_queue (source_key, queue_id, queue_name, queue_group_id, queue_group_name, queue_type, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
            OUTPUT inserted.queue_key INTO @keys (queue_key)
            VALUES (@source_key, @queue_id, @queue_name, @queue_group_id, @queue_group_name, @queue_type, @is_active, 0,
                    @valid_from_utc, @open_until, 1);

            SELECT k.queue_key FROM @keys AS k;
            """),
        CloseQueue = new("reference_close_queue", """
            UPDATE dw.dim_queue
            SET valid_to_utc = @as_of_utc,
                is_current = 0
            WHERE queue_key = @queue_key;
            """),
        CompleteQueue = new("reference_complete_queue", """
            UPDATE dw.dim_queue
            SET queue_name = @queue_name,
                queue_group_id = @queue_group_id,
                queue_group_name = @queue_group_name,
                queue_type = @queue_type,
                is_active = @is_active,
                is_inferred = 0
            WHERE queue_key = @queue_key;
            """),
        CloseQueueAgent = new("reference_close_queue_agent", """
            UPDATE dw.bridge_queue_agent
            SET valid_to_utc = @as_of_utc
            WHERE source_key = @source_key
              AND queue_id = @queue_id
              AND agent_id = @agent_id
              AND valid_to_utc = @open_until;
            """),
        InsertQueueAgent = new("reference_insert_queue_agent", """
            INSERT INTO dw.bridge_queue_agent (source_key, queue_id, agent_id, valid_from_utc, valid_to_utc)
            VALUES (@source_key, @queue_id, @agent_id, @valid_from_utc, @open_until);
            """),
        RepointQueueFacts = new("reference_repoint_queue_facts", """
            UPDATE dw.fact_agent_queue_interval
            SET queue_key = @new_key
            WHERE source_key = @source_key
              AND queue_key = @old_key
              AND interval_key >= @from_key;

            UPDATE dw.fact_queue_interval
            SET queue_key = @new_key
            WHERE source_key = @source_key
              AND queue_key = @old_key
              AND interval_key >= @from_key;
            """),
        // A segment whose report named its agent only by RingCentral user id (legacy) resolves to the agent version that
        // carried that user id when the segment started (as segments.resolve_by_rc_user_id does in the publish).
        ResolveSegmentAgents = new("reference_resolve_segment_agents", """
            UPDATE f
            SET f.agent_key = a.agent_key,
                f.agent_id = a.agent_id
            FROM dw.fact_segment AS f
            CROSS APPLY (SELECT TOP (1) d.agent_key, d.agent_id FROM dw.dim_agent AS d WHERE d.source_key = @source_key AND d.rc_user_id = f.rc_user_id AND d.valid_from_utc <= f.segment_start_utc AND f.segment_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC, d.agent_key DESC) AS a
            WHERE f.source_key = @source_key
              AND f.agent_key IS NULL
              AND f.rc_user_id IS NOT NULL;
            """),
    };
}
