using RcWarehouse.Core.Reference;

namespace RcWarehouse.IntegrationTests.Dimensions;

/// <summary>Small reference snapshots built in code: two teams, two supervisors, a queue or two.</summary>
internal static class ReferenceData
{
    public static RingCxAgent Agent(string id, string group, string first, string last, IReadOnlyList<string>? supervisors = null, string? rcUserId = null, string type = "AGENT", IReadOnlyList<string>? supervisees = null) =>
        new(id, rcUserId ?? "rc" + id, group, first, last, null, first.ToLowerInvariant() + "." + last.ToLowerInvariant(), first.ToLowerInvariant() + "@example.test", type, true, supervisors ?? [], supervisees ?? []);

    public static ReferenceSnapshot Snapshot(string source, DateTime asOf, IReadOnlyList<RingCxAgent> agents, IReadOnlyList<RingCxQueueInfo>? queues = null) => new(
        source,
        asOf,
        [new RingCxAgentGroup("G1", "Team Red"), new RingCxAgentGroup("G2", "Team Blue")],
        agents,
        [new RingCxQueueGroup("QG1", "Sales queues", "VOICE")],
        queues ?? [Queue("Q1", "Sales", "A1")]);

    public static RingCxQueueInfo Queue(string id, string name, params string[] agentIds) => new(id, name, "QG1", null, true, null, agentIds);

    /// <summary>A1 in Team Red under S1 (S1 and S2 are supervisors in their own teams).</summary>
    public static IReadOnlyList<RingCxAgent> RedTeam(string a1Group = "G1", string a1Supervisor = "S1") =>
    [
        Agent("A1", a1Group, "Ada", "Lovelace", [a1Supervisor]),
        Agent("S1", "G1", "Sam", "Red", type: "SUPERVISOR"),
        Agent("S2", "G2", "Sue", "Blue", type: "SUPERVISOR"),
    ];
}
