namespace RcWarehouse.Warehouse.Publishing;

/// <summary>
/// The statements of a reference load (<see cref="WarehouseEngine"/>.LoadReferenceAsync). The engine works out the
/// type-2 changes in memory (a sub-account has hundreds of agents, not millions) and sends these one entity at a time,
/// all in one transaction. Open-ended validity is passed as <c>@open_until</c> (9999-12-31), the value the inferred
/// members of the publish step use too.
/// </summary>
internal sealed record ReferenceSql
{
    /// <summary>The as-of instant of the newest reference snapshot applied to the source (@source_key); null when none.</summary>
    public required NamedSql LastAsOf { get; init; }

    public required NamedSql SelectAgents { get; init; }

    public required NamedSql SelectAgentSupervisors { get; init; }

    /// <summary>Inserts an agent version and returns its agent_key.</summary>
    public required NamedSql InsertAgent { get; init; }

    public required NamedSql CloseAgent { get; init; }

    /// <summary>Overwrites an inferred member's attributes in place (same agent_key) and marks it real.</summary>
    public required NamedSql CompleteAgent { get; init; }

    /// <summary>Type-1 attributes (rc_user_id, user_name, email) on every version of an agent.</summary>
    public required NamedSql UpdateAgentIdentity { get; init; }

    public required NamedSql CloseAgentSupervisor { get; init; }

    public required NamedSql InsertAgentSupervisor { get; init; }

    /// <summary>Moves facts at or after @as_of_utc from the closed version (@old_key) to the new one (@new_key).</summary>
    public required NamedSql RepointAgentFacts { get; init; }

    public required NamedSql SelectQueues { get; init; }

    public required NamedSql SelectQueueAgents { get; init; }

    public required NamedSql InsertQueue { get; init; }

    public required NamedSql CloseQueue { get; init; }

    public required NamedSql CompleteQueue { get; init; }

    public required NamedSql CloseQueueAgent { get; init; }

    public required NamedSql InsertQueueAgent { get; init; }

    public required NamedSql RepointQueueFacts { get; init; }

    /// <summary>Legacy segments loaded before their agent was known: agent_key and agent_id through dim_agent.rc_user_id.</summary>
    public required NamedSql ResolveSegmentAgents { get; init; }

    public IEnumerable<NamedSql> All() =>
    [
        LastAsOf, SelectAgents, SelectAgentSupervisors, InsertAgent, CloseAgent, CompleteAgent, UpdateAgentIdentity,
        CloseAgentSupervisor, InsertAgentSupervisor, RepointAgentFacts, SelectQueues, SelectQueueAgents, InsertQueue,
        CloseQueue, CompleteQueue, CloseQueueAgent, InsertQueueAgent, RepointQueueFacts, ResolveSegmentAgents,
    ];
}
