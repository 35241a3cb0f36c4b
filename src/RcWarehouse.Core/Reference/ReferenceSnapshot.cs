namespace RcWarehouse.Core.Reference;

/// <summary>
/// Everything RingCX said about one sub-account's agents and queues at <paramref name="AsOfUtc"/>: the unit the
/// warehouse turns into dimension versions. A change found in it takes effect at <paramref name="AsOfUtc"/>.
/// <paramref name="Users"/> (optional) fills an agent's rcUserId when its own answer lacks it.
/// </summary>
public sealed record ReferenceSnapshot(
    string SourceId,
    DateTime AsOfUtc,
    IReadOnlyList<RingCxAgentGroup> AgentGroups,
    IReadOnlyList<RingCxAgent> Agents,
    IReadOnlyList<RingCxQueueGroup> QueueGroups,
    IReadOnlyList<RingCxQueueInfo> Queues,
    IReadOnlyList<RingCxUser>? Users = null,
    string? SourceName = null);
