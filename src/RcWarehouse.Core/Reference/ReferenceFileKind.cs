namespace RcWarehouse.Core.Reference;

/// <summary>
/// The reference answers the extractor lands, by the report name in their manifest
/// (see <see cref="ReferenceFileKinds"/>).
/// </summary>
public enum ReferenceFileKind
{
    AgentGroups,
    Agents,
    QueueGroups,
    Queues,
    Users,
}
