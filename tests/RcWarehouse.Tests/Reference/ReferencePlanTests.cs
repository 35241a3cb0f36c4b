using RcWarehouse.Core.Reference;
using RcWarehouse.Warehouse.Reference;
using Xunit;

namespace RcWarehouse.Tests.Reference;

public sealed class ReferencePlanTests
{
    private static readonly DateTime AsOf = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Supervisors_ComeFromEitherSideOfTheRelation()
    {
        // Given A1 naming S1 as supervisor, and S2 naming A1 (and an unknown agent) as supervisee
        var snapshot = Snapshot(
            Agent("A1", supervisors: ["S1"]),
            Agent("S1"),
            Agent("S2", supervisees: ["A1", "X9", "S2"]));

        // When planned
        var plan = ReferencePlan.From(snapshot);

        // Then A1 has both supervisors, nobody supervises themselves, the unknown agent is ignored
        Assert.Equal(["S1", "S2"], plan.Agents.Single(a => a.AgentId == "A1").SupervisorAgentIds.Order(StringComparer.Ordinal).ToArray());
        Assert.Empty(plan.Agents.Single(a => a.AgentId == "S2").SupervisorAgentIds);
    }

    [Fact]
    public void Names_Groups_AndRcUserIdFromUsers_AreFilledIn()
    {
        var snapshot = Snapshot(Agent("A1", rcUserId: null, login: "ada.9001"), Agent("A2", first: null, last: null)) with
        {
            Users = [new RingCxUser("3100000001", null, "ADA.9001", null, null, null, null, null, null)],
        };

        var plan = ReferencePlan.From(snapshot);

        var a1 = plan.Agents.Single(a => a.AgentId == "A1");
        Assert.Equal(("Ada Lovelace", "Team Red", "3100000001"), (a1.AgentName, a1.AgentGroupName, a1.RcUserId));
        Assert.Equal("user.A2", plan.Agents.Single(a => a.AgentId == "A2").AgentName);
        var queue = plan.Queues.Single();
        Assert.Equal(("Voice queues", "VOICE"), (queue.QueueGroupName, queue.QueueType));
    }

    [Fact]
    public void VersionComparison_IgnoresIdentityButNotSupervisors()
    {
        var plan = ReferencePlan.From(Snapshot(Agent("A1", supervisors: ["S1"])));
        var a1 = plan.Agents.Single();

        Assert.True(a1.SameVersionAs(a1 with { Email = "new@example.test", RcUserId = "9" }));
        Assert.False(a1.SameIdentityAs(a1 with { Email = "new@example.test" }));
        Assert.False(a1.SameVersionAs(a1 with { SupervisorAgentIds = new HashSet<string>(StringComparer.Ordinal) { "S2" } }));
        Assert.False(a1.SameVersionAs(a1 with { AgentGroupName = "Team Blue" }));
    }

    private static ReferenceSnapshot Snapshot(params RingCxAgent[] agents) => new(
        "9001",
        AsOf,
        [new RingCxAgentGroup("G1", "Team Red")],
        agents,
        [new RingCxQueueGroup("QG1", "Voice queues", "VOICE")],
        [new RingCxQueueInfo("Q1", "Sales", "QG1", null, true, null, ["A1"])]);

    private static RingCxAgent Agent(
        string id, IReadOnlyList<string>? supervisors = null, IReadOnlyList<string>? supervisees = null, string? rcUserId = "rc", string? login = null,
        string? first = "Ada", string? last = "Lovelace") =>
        new(id, rcUserId, "G1", first, last, login, "user." + id, null, "AGENT", true, supervisors ?? [], supervisees ?? []);
}
