namespace RcWarehouse.Core.Reference;

// The reference data the star schema's dimensions are built from. Ids are strings whatever the generation sends
// (numbers in the legacy answers, strings in the current ones; some exceed 32 bits).

public sealed record RingCxUser(string RcUserId, string? UserId, string? EngageUserName, string? UserName, string? Email, string? FirstName, string? LastName, string? ParentPath, string? EnvId);

public sealed record RingCxSubAccount(string SubAccountId, string? SubAccountName, bool IsActive);

public sealed record RingCxAgentGroup(string AgentGroupId, string? GroupName);

public sealed record RingCxAgent(
    string AgentId,
    string? RcUserId,
    string? AgentGroupId,
    string? FirstName,
    string? LastName,
    string? EngageUserName,
    string? UserName,
    string? Email,
    string? AgentType,
    bool IsActive,
    IReadOnlyList<string> SupervisorAgentIds,
    IReadOnlyList<string> SuperviseeAgentIds);

/// <summary>A queue (gate) group; <see cref="QueueGroupType"/> (VOICE or DIGITAL) only in the current generation.</summary>
public sealed record RingCxQueueGroup(string QueueGroupId, string? GroupName, string? QueueGroupType);

public sealed record RingCxQueueInfo(string QueueId, string? QueueName, string? QueueGroupId, string? QueueType, bool IsActive, string? CreatedOn, IReadOnlyList<string> AgentIds);
