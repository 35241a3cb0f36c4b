using RcWarehouse.Core.Landing;
using RcWarehouse.Core.Reference;
using RcWarehouse.Tests.Reports;
using Xunit;

namespace RcWarehouse.Tests.Reference;

public sealed class ReferenceFileReaderTests
{
    private static readonly DateTime Fetched = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LegacyAgents_NumbersAndStrings_ReadAsTextIds()
    {
        var agents = await ReferenceFileReader.ReadAgentsAsync(TestReports.PathOf("Reference/legacy-agents.json"), Ct);

        Assert.Equal(["151011", "151010", "151012"], agents.Select(a => a.AgentId).ToArray());
        Assert.Equal(new[] { "3100010011", "3100010010", null }, agents.Select(a => a.RcUserId).ToArray());
        Assert.Equal(new[] { "2001", "2001", null }, agents.Select(a => a.AgentGroupId).ToArray());
        Assert.Equal([true, false, true], agents.Select(a => a.IsActive).ToArray());
        Assert.Equal(["151010"], agents[0].SupervisorAgentIds);
        Assert.Equal(["151011", "151012"], agents[1].SuperviseeAgentIds);

        // A single id where a list belongs is a list of one
        Assert.Equal(["151010"], agents[2].SupervisorAgentIds);
    }

    [Fact]
    public async Task Queues_AcceptAgentIdsOrAgentId_AndIdsBeyondDoublePrecision()
    {
        var legacy = await ReferenceFileReader.ReadQueuesAsync(TestReports.PathOf("Reference/legacy-queues.json"), Ct);
        var current = await ReferenceFileReader.ReadQueuesAsync(TestReports.PathOf("Reference/cx-queues.json"), Ct);

        Assert.Equal(["151011", "151012"], legacy[0].AgentIds);
        Assert.Equal(["151011"], legacy[1].AgentIds);
        Assert.Equal(("3001", false), (legacy[1].QueueGroupId, legacy[1].IsActive));
        Assert.Equal(("9007199254740993", "4001", "VOICE"), (current[0].QueueId, current[0].QueueGroupId, current[0].QueueType));
    }

    [Fact]
    public async Task QueueGroups_ReadBothGenerations()
    {
        var legacy = await ReferenceFileReader.ReadQueueGroupsAsync(TestReports.PathOf("Reference/legacy-gate-groups.json"), Ct);
        var current = await ReferenceFileReader.ReadQueueGroupsAsync(TestReports.PathOf("Reference/cx-queue-groups.json"), Ct);

        Assert.Equal(new RingCxQueueGroup("3001", "Voice queues", null), legacy.Single());
        Assert.Equal(new RingCxQueueGroup("4001", "Digital queues", "DIGITAL"), current.Single());
    }

    [Fact]
    public async Task ItemWithoutItsId_FailsWithFileAndPath()
    {
        var path = TestReports.PathOf("Reference/bad-agents.json");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReferenceFileReader.ReadAgentsAsync(path, Ct));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("$[1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("agentId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_JoinsTheLandedFilesOfASubAccount_AsOfTheEarliestFetch()
    {
        // Given a sub-account's landed answers, fetched over a few seconds, plus a report file that is not reference data
        var files = new[]
        {
            File("agent-groups.json", ReferenceFileKinds.AgentGroups, Fetched.AddSeconds(1)),
            File("legacy-agents.json", ReferenceFileKinds.Agents, Fetched.AddSeconds(2)),
            File("legacy-gate-groups.json", ReferenceFileKinds.QueueGroups, Fetched),
            File("legacy-queues.json", ReferenceFileKinds.Queues, Fetched.AddSeconds(3)),
            File("users.json", ReferenceFileKinds.Users, Fetched.AddSeconds(4)),
            File("legacy-queues.json", "queue-stats", Fetched.AddSeconds(-60)),
        };

        // When they are read as one snapshot
        var snapshot = await ReferenceFileReader.ReadSnapshotAsync("9001", files, Ct);

        // Then everything is there, as of the first reference fetch
        Assert.Equal(Fetched, snapshot.AsOfUtc);
        Assert.Equal(("9001", "sim"), (snapshot.SourceId, snapshot.SourceName));
        Assert.Equal((1, 3, 1, 2, 1), (snapshot.AgentGroups.Count, snapshot.Agents.Count, snapshot.QueueGroups.Count, snapshot.Queues.Count, snapshot.Users!.Count));
    }

    [Fact]
    public async Task Snapshot_RefusesAnotherSubAccountsFile()
    {
        var files = new[] { File("agent-groups.json", ReferenceFileKinds.AgentGroups, Fetched, sourceId: "9002") };

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReferenceFileReader.ReadSnapshotAsync("9001", files, Ct));

        Assert.Contains("9002", error.Message, StringComparison.Ordinal);
    }

    private static (string Path, LandingManifest Manifest) File(string name, string report, DateTime fetched, string sourceId = "9001") =>
        (TestReports.PathOf("Reference/" + name), new LandingManifest
        {
            Report = report,
            SourceId = sourceId,
            SourceName = "sim",
            ApiGeneration = "Legacy",
            Format = "json",
            TimeZone = "UTC",
            WindowStartUtc = fetched,
            WindowEndUtc = fetched,
            FetchId = "f",
            FetchedAtUtc = fetched,
            FileName = name,
            ByteCount = 1,
            Sha256 = new string('0', 64),
        });
}
