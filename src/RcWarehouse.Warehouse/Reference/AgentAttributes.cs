namespace RcWarehouse.Warehouse.Reference;

/// <summary>
/// One agent as the warehouse keeps it. The type-2 attributes (name, group, type, active flag, supervisors) make a new
/// version when they change; <see cref="RcUserId"/>, <see cref="UserName"/> and <see cref="Email"/> are identity
/// (type 1) and are corrected on every version.
/// </summary>
internal sealed record AgentAttributes(
    string AgentId,
    string? RcUserId,
    string? FirstName,
    string? LastName,
    string? AgentName,
    string? UserName,
    string? Email,
    string? AgentType,
    string? AgentGroupId,
    string? AgentGroupName,
    bool IsActive,
    IReadOnlySet<string> SupervisorAgentIds)
{
    public bool SameVersionAs(AgentAttributes other) =>
        FirstName == other.FirstName && LastName == other.LastName && AgentName == other.AgentName && AgentType == other.AgentType
        && AgentGroupId == other.AgentGroupId && AgentGroupName == other.AgentGroupName && IsActive == other.IsActive
        && SupervisorAgentIds.SetEquals(other.SupervisorAgentIds);

    public bool SameIdentityAs(AgentAttributes other) => RcUserId == other.RcUserId && UserName == other.UserName && Email == other.Email;
}
