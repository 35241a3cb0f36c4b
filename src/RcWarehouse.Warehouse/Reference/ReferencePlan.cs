using RcWarehouse.Core.Reference;

namespace RcWarehouse.Warehouse.Reference;

/// <summary>What a snapshot says each agent and queue should look like, in the warehouse's terms.</summary>
internal sealed record ReferencePlan(IReadOnlyList<AgentAttributes> Agents, IReadOnlyList<QueueAttributes> Queues)
{
    public static ReferencePlan From(ReferenceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var groupNames = snapshot.AgentGroups
            .GroupBy(g => g.AgentGroupId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().GroupName, StringComparer.Ordinal);
        var agents = snapshot.Agents.DistinctBy(a => a.AgentId, StringComparer.Ordinal).ToList();

        // Either side of the relation may carry it: an agent's supervisorAgentIds, or a supervisor's superviseeAgentIds.
        var supervisors = agents.ToDictionary(a => a.AgentId, a => new SortedSet<string>(a.SupervisorAgentIds, StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var supervisor in agents)
        {
            foreach (var supervisee in supervisor.SuperviseeAgentIds)
            {
                if (supervisors.TryGetValue(supervisee, out var set))
                {
                    set.Add(supervisor.AgentId);
                }
            }
        }

        // rcUserId from the users list when an agent's own answer lacks it, matched on the RingCX login name.
        var usersByLogin = (snapshot.Users ?? [])
            .Where(u => u.EngageUserName is not null)
            .GroupBy(u => u.EngageUserName!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().RcUserId, StringComparer.OrdinalIgnoreCase);

        var plannedAgents = agents
            .OrderBy(a => a.AgentId, StringComparer.Ordinal)
            .Select(a =>
            {
                supervisors[a.AgentId].Remove(a.AgentId);
                var name = string.Join(' ', new[] { a.FirstName, a.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()));
                return new AgentAttributes(
                    a.AgentId,
                    a.RcUserId ?? (a.EngageUserName is { } login && usersByLogin.TryGetValue(login, out var rc) ? rc : null),
                    Clean(a.FirstName),
                    Clean(a.LastName),
                    name.Length > 0 ? name : Clean(a.UserName) ?? Clean(a.EngageUserName),
                    Clean(a.UserName) ?? Clean(a.EngageUserName),
                    Clean(a.Email),
                    Clean(a.AgentType),
                    Clean(a.AgentGroupId),
                    a.AgentGroupId is { } g && groupNames.TryGetValue(g, out var groupName) ? Clean(groupName) : null,
                    a.IsActive,
                    supervisors[a.AgentId]);
            })
            .ToList();

        var queueGroups = snapshot.QueueGroups
            .GroupBy(g => g.QueueGroupId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var plannedQueues = snapshot.Queues
            .DistinctBy(q => q.QueueId, StringComparer.Ordinal)
            .OrderBy(q => q.QueueId, StringComparer.Ordinal)
            .Select(q =>
            {
                var group = q.QueueGroupId is { } id && queueGroups.TryGetValue(id, out var found) ? found : null;
                return new QueueAttributes(
                    q.QueueId,
                    Clean(q.QueueName),
                    Clean(q.QueueGroupId),
                    Clean(group?.GroupName),
                    Clean(q.QueueType) ?? Clean(group?.QueueGroupType),
                    q.IsActive,
                    new SortedSet<string>(q.AgentIds, StringComparer.Ordinal));
            })
            .ToList();
        return new ReferencePlan(plannedAgents, plannedQueues);
    }

    // Staging turns empty strings into NULL; the dimensions follow the same rule so comparisons agree.
    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
