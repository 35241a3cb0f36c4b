namespace RcWarehouse.Core.Reference;

/// <summary>The manifest report names of landed reference answers.</summary>
public static class ReferenceFileKinds
{
    public const string AgentGroups = "agent-groups";
    public const string Agents = "agents";
    public const string QueueGroups = "queue-groups";
    public const string Queues = "queues";
    public const string Users = "users";

    public static bool TryParse(string? report, out ReferenceFileKind kind)
    {
        (var found, kind) = report switch
        {
            AgentGroups => (true, ReferenceFileKind.AgentGroups),
            Agents => (true, ReferenceFileKind.Agents),
            QueueGroups => (true, ReferenceFileKind.QueueGroups),
            Queues => (true, ReferenceFileKind.Queues),
            Users => (true, ReferenceFileKind.Users),
            _ => (false, default),
        };
        return found;
    }
}
