namespace RcWarehouse.Simulator;

/// <summary>A RingCX sub-account with its agents, agent groups, queue (gate) groups and queues.</summary>
public sealed record SimSubAccount(
    int Index,
    string SubAccountId,
    string Name,
    IReadOnlyList<SimAgentGroup> AgentGroups,
    IReadOnlyList<SimAgent> Agents,
    IReadOnlyList<SimQueueGroup> QueueGroups,
    IReadOnlyList<SimQueueInfo> Queues);

public sealed record SimAgentGroup(string AgentGroupId, string GroupName);

/// <summary>An agent. <see cref="RcUserId"/> deliberately exceeds 32 bits.</summary>
public sealed record SimAgent(
    long AgentId,
    long RcUserId,
    string AgentGroupId,
    string FirstName,
    string LastName,
    string UserName,
    string Email,
    bool IsSupervisor,
    IReadOnlyList<long> SupervisorAgentIds,
    IReadOnlyList<long> SuperviseeAgentIds)
{
    public string FullName => $"{FirstName} {LastName}";
}

public sealed record SimQueueGroup(string QueueGroupId, string GroupName, string QueueGroupType);

public sealed record SimQueueInfo(long QueueId, string QueueName, string QueueGroupId, string QueueType, DateTime CreatedOnUtc, IReadOnlyList<long> AgentIds);
