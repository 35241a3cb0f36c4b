using RcWarehouse.Core.Reports;
using RcWarehouse.IntegrationTests.Warehouse;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Dimensions.DimensionQueries;
using static RcWarehouse.IntegrationTests.Dimensions.ReferenceData;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Dimensions;

[Collection(WarehouseCollectionDefinition.Name)]
public sealed class ReferenceLoadTests(WarehouseFixture fixture)
{
    private static readonly DateTime Day1 = Day;
    private static readonly DateTime Day2 = Day.AddDays(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task AgentWhoChangesTeamAndSupervisor_IsCreditedToEachDaysTeam_AlsoAfterReloadingTheFirstDay(WarehouseProvider provider)
    {
        // Given A1 in Team Red under S1 on day 1, and day 1's work loaded
        var w = await fixture.GetAsync(provider);
        var source = NewSource("scd");
        var first = await w.Warehouse.LoadReferenceAsync(Snapshot(source, Day1, RedTeam()), Ct);
        Assert.Equal(3, first.AgentsAdded);
        await LoadAgentSlotAsync(w, source, Day1, Ct, ("A1", 4, 600m));

        // When A1 moves to Team Blue under S2 from day 2, day 2 is loaded, and day 1 is loaded again
        var second = await w.Warehouse.LoadReferenceAsync(Snapshot(source, Day2, RedTeam(a1Group: "G2", a1Supervisor: "S2")), Ct);
        await LoadAgentSlotAsync(w, source, Day2, Ct, ("A1", 5, 300m));
        await LoadAgentSlotAsync(w, source, Day1, Ct, ("A1", 4, 600m));

        // Then A1 has two versions split at day 2, and two supervisor links split the same way
        Assert.Equal((1, 0, 2), (second.AgentsVersioned, second.AgentsAdded, second.SupervisorLinksChanged));
        Assert.Equal(
            [
                ["Team Red", "1900-01-01 00:00:00.000", "2026-01-06 00:00:00.000", "0"],
                ["Team Blue", "2026-01-06 00:00:00.000", "9999-12-31 00:00:00.000", "1"],
            ],
            await RowsAsync(w, $"SELECT agent_group_name, valid_from_utc, valid_to_utc, is_current FROM {{dim_agent}} WHERE source_key = {SourceKey} AND agent_id = 'A1' ORDER BY valid_from_utc", source, Ct));
        Assert.Equal(
            [
                ["S1", "1900-01-01 00:00:00.000", "2026-01-06 00:00:00.000"],
                ["S2", "2026-01-06 00:00:00.000", "9999-12-31 00:00:00.000"],
            ],
            await RowsAsync(w, $"SELECT supervisor_agent_id, valid_from_utc, valid_to_utc FROM {{bridge_agent_supervisor}} WHERE source_key = {SourceKey} AND agent_id = 'A1' ORDER BY valid_from_utc", source, Ct));

        // And each day's work is credited to that day's team and supervisor
        Assert.Equal(
            [["202601051400", "Ada Lovelace", "Team Red", "4"], ["202601061400", "Ada Lovelace", "Team Blue", "5"]],
            await RowsAsync(w, $"SELECT interval_key, agent_name, agent_group_name, answ_call_cnt FROM {View(w, "v_agent_queue_interval")} WHERE sub_account_id = @source ORDER BY interval_key", source, Ct));
        Assert.Equal(
            [["202601051400", "S1", "Sam Red", "1", "4"], ["202601061400", "S2", "Sue Blue", "1", "5"]],
            await RowsAsync(w, $"SELECT interval_key, supervisor_agent_id, supervisor_name, agent_cnt, answ_call_cnt FROM {View(w, "v_supervisor_interval")} WHERE sub_account_id = @source ORDER BY interval_key", source, Ct));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task FactsLoadedBeforeTheChangeWasKnown_MoveToTheNewVersion(WarehouseProvider provider)
    {
        // Given both days loaded while A1 was still in Team Red
        var w = await fixture.GetAsync(provider);
        var source = NewSource("scd-late");
        await w.Warehouse.LoadReferenceAsync(Snapshot(source, Day1, RedTeam()), Ct);
        await LoadAgentSlotAsync(w, source, Day1, Ct, ("A1", 4, 600m));
        await LoadAgentSlotAsync(w, source, Day2, Ct, ("A1", 5, 300m));

        // When the reference data says A1 moved on day 2
        await w.Warehouse.LoadReferenceAsync(Snapshot(source, Day2, RedTeam(a1Group: "G2", a1Supervisor: "S2")), Ct);

        // Then day 2's fact points at the new version, day 1's stays with the old one
        Assert.Equal(
            [["202601051400", "Team Red"], ["202601061400", "Team Blue"]],
            await RowsAsync(w, $"SELECT interval_key, agent_group_name FROM {View(w, "v_agent_queue_interval")} WHERE sub_account_id = @source ORDER BY interval_key", source, Ct));

        // And reloading day 2 now changes nothing: the fact already is what the point-in-time lookup gives
        var before = await w.DumpAsync(Ct);
        await LoadAgentSlotAsync(w, source, Day2, Ct, ("A1", 5, 300m));
        Assert.Equal(before, await w.DumpAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SameSnapshotTwice_ChangesNothing(WarehouseProvider provider)
    {
        // Given a snapshot applied once
        var w = await fixture.GetAsync(provider);
        var source = NewSource("idem");
        var snapshot = Snapshot(source, Day1, RedTeam(), [Queue("Q1", "Sales", "A1", "S1"), Queue("Q2", "Support", "A1")]);
        var first = await w.Warehouse.LoadReferenceAsync(snapshot, Ct);
        var before = await w.DumpAsync(Ct);

        // When it is applied again
        var again = await w.Warehouse.LoadReferenceAsync(snapshot, Ct);

        // Then the first made the rows, the second changed nothing and says so
        Assert.Equal((3, 2, 1, 3), (first.AgentsAdded, first.QueuesAdded, first.SupervisorLinksChanged, first.QueueMembershipsChanged));
        Assert.Equal(0, again.Changes);
        Assert.Equal(before, await w.DumpAsync(Ct));
        var batches = await w.Warehouse.GetBatchesAsync(source, 5, Ct);
        Assert.All(batches, b => Assert.Equal(("reference", "succeeded"), (b.Report, b.Status)));
        Assert.Equal([0L, first.Changes], batches.Select(b => b.RowsLoaded ?? -1).ToArray());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task InferredMembers_AreCompletedInPlace_WithoutDuplicates(WarehouseProvider provider)
    {
        // Given facts for an agent and a queue no reference data has mentioned yet
        var w = await fixture.GetAsync(provider);
        var source = NewSource("inferred");
        await LoadAgentSlotAsync(w, source, Day1, Ct, ("A1", 4, 600m));
        var inferred = await RowsAsync(w, $"SELECT agent_key, agent_name, is_inferred FROM {{dim_agent}} WHERE source_key = {SourceKey}", source, Ct);
        Assert.Equal("1", inferred.Single()[2]);

        // When the next reference sync brings them, twice
        var first = await w.Warehouse.LoadReferenceAsync(Snapshot(source, Day2, RedTeam()), Ct);
        var again = await w.Warehouse.LoadReferenceAsync(Snapshot(source, Day2, RedTeam()), Ct);

        // Then the same keys now carry the real data: one version each, valid for all of history
        Assert.Equal((1, 1, 2, 0), (first.AgentsCompleted, first.QueuesCompleted, first.AgentsAdded, again.Changes));
        Assert.Equal(
            [[inferred.Single()[0], "Ada Lovelace", "Team Red", "rcA1", "0", "1900-01-01 00:00:00.000", "9999-12-31 00:00:00.000"]],
            await RowsAsync(w, $"SELECT agent_key, agent_name, agent_group_name, rc_user_id, is_inferred, valid_from_utc, valid_to_utc FROM {{dim_agent}} WHERE source_key = {SourceKey} AND agent_id = 'A1'", source, Ct));
        Assert.Equal(
            [["Sales", "Sales queues", "VOICE", "0"]],
            await RowsAsync(w, $"SELECT queue_name, queue_group_name, queue_type, is_inferred FROM {{dim_queue}} WHERE source_key = {SourceKey}", source, Ct));
        Assert.Equal(
            [["202601051400", "Ada Lovelace", "Team Red", "Sales"]],
            await RowsAsync(w, $"SELECT interval_key, agent_name, agent_group_name, queue_name FROM {View(w, "v_agent_queue_interval")} WHERE sub_account_id = @source", source, Ct));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task LegacySegment_ResolvesToItsAgentThroughRcUserId_WhenTheReferenceDataArrives(WarehouseProvider provider)
    {
        // Given a legacy segment (RingCentral user id only) loaded before the reference data knew that user
        var w = await fixture.GetAsync(provider);
        var source = NewSource("legacy");
        var early = Segment("I1", "2", At(9, 5), agentId: null) with { RcUserId = "3100000001" };
        await w.Warehouse.LoadAsync(Request(source, ReportKind.Segments, Window(9, 10)), Stream([early]), Ct);
        Assert.Equal([["NULL", "NULL", "3100000001"]], await RowsAsync(w, $"SELECT agent_key, agent_id, rc_user_id FROM {{fact_segment}} WHERE source_key = {SourceKey}", source, Ct));

        // When the reference data arrives, and a later legacy segment of the same user is loaded
        var load = await w.Warehouse.LoadReferenceAsync(Snapshot(source, Day1, [Agent("A7", "G1", "Grace", "Hopper", rcUserId: "3100000001")]), Ct);
        var later = Segment("I2", "2", At(11, 5), agentId: null) with { RcUserId = "3100000001" };
        await w.Warehouse.LoadAsync(Request(source, ReportKind.Segments, Window(11, 12)), Stream([later]), Ct);

        // Then both segments name the agent, and the segments view shows the name and the direction
        Assert.Equal(1, load.SegmentsResolved);
        Assert.Equal(
            [["I1", "A7", "Grace Hopper", "INBOUND"], ["I2", "A7", "Grace Hopper", "INBOUND"]],
            await RowsAsync(w, $"SELECT interaction_id, agent_id, agent_name, direction FROM {View(w, "v_segment")} WHERE sub_account_id = @source ORDER BY interaction_id", source, Ct));

        // And reloading the first file changes nothing
        var before = await w.DumpAsync(Ct);
        await w.Warehouse.LoadAsync(Request(source, ReportKind.Segments, Window(9, 10)), Stream([early]), Ct);
        Assert.Equal(before, await w.DumpAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RenamedQueue_AndChangedMembers_KeepEachDaysNameAndMembership(WarehouseProvider provider)
    {
        // Given Sales with A1 on day 1, and both days' queue statistics loaded
        var w = await fixture.GetAsync(provider);
        var source = NewSource("queue-scd");
        await w.Warehouse.LoadReferenceAsync(Snapshot(source, Day1, RedTeam(), [Queue("Q1", "Sales", "A1")]), Ct);
        await w.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(10, 11)), Stream([Queue("Q1", At(10, 0))]), Ct);
        var day2 = new RcWarehouse.Core.Intervals.UtcWindow(Day2.AddHours(10), Day2.AddHours(11));
        await w.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, day2), Stream([Queue("Q1", Day2.AddHours(10))]), Ct);

        // When the queue is renamed on day 2 and S1 replaces A1 in it
        var load = await w.Warehouse.LoadReferenceAsync(Snapshot(source, Day2, RedTeam(), [Queue("Q1", "Sales & Renewals", "S1")]), Ct);

        // Then each day keeps its own name, and the membership changed at day 2
        Assert.Equal((1, 2), (load.QueuesVersioned, load.QueueMembershipsChanged));
        Assert.Equal(
            [["202601051000", "Sales"], ["202601061000", "Sales & Renewals"]],
            await RowsAsync(w, $"SELECT interval_key, queue_name FROM {View(w, "v_queue_interval")} WHERE sub_account_id = @source ORDER BY interval_key", source, Ct));
        Assert.Equal(
            [["A1", "1900-01-01 00:00:00.000", "2026-01-06 00:00:00.000"], ["S1", "2026-01-06 00:00:00.000", "9999-12-31 00:00:00.000"]],
            await RowsAsync(w, $"SELECT agent_id, valid_from_utc, valid_to_utc FROM {{bridge_queue_agent}} WHERE source_key = {SourceKey} ORDER BY agent_id", source, Ct));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task OlderSnapshot_AfterANewerOne_ChangesNothing(WarehouseProvider provider)
    {
        // Given day 2's snapshot applied
        var w = await fixture.GetAsync(provider);
        var source = NewSource("stale");
        await w.Warehouse.LoadReferenceAsync(Snapshot(source, Day2, RedTeam(a1Group: "G2")), Ct);
        var before = await w.DumpAsync(Ct);

        // When day 1's (different) snapshot is applied late
        var late = await w.Warehouse.LoadReferenceAsync(Snapshot(source, Day1, RedTeam()), Ct);

        // Then it is recorded but skipped
        Assert.True(late.Stale);
        Assert.Equal(0, late.Changes);
        Assert.Equal(before, await w.DumpAsync(Ct));
    }
}
