using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Sync;
using RcWarehouse.Core.Reports;
using RcWarehouse.IntegrationTests.Support;
using RcWarehouse.IntegrationTests.Warehouse;
using RcWarehouse.RingCx;
using RcWarehouse.Simulator;
using RcWarehouse.Warehouse;
using Xunit;

namespace RcWarehouse.IntegrationTests.Dimensions;

/// <summary>
/// The whole path with the simulator in-process: reference sync (land and load), then two hours of every report for a
/// current-generation and a legacy sub-account, then the dimensions checked against the simulator's organisation.
/// </summary>
public sealed class ReferenceSyncEndToEndTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReferenceSyncThenSync_GivesEveryAgentItsSimulatorName_AndResolvesLegacySegments()
    {
        // Given the simulator with a relaxed rate limit, two sources (current JSON, legacy CSV) and a SQLite warehouse
        var time = TimeProvider.System;
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, RateLimit = "600/1s" }, time, Ct);
        var day = time.GetUtcNow().UtcDateTime.Date.AddDays(-2);
        var options = Options(sim);
        var warehouseOptions = new WarehouseOptions
        {
            ConnectionString = $"Data Source={_folder.File("e2e.db")}",
            BusinessTimeZone = WarehouseFixture.BusinessTimeZone,
        };
        var warehouse = WarehouseFactory.Create(warehouseOptions, time, NullLoggerFactory.Instance);
        await warehouse.MigrateAsync(Ct);
        var test = new TestWarehouse(WarehouseProvider.Sqlite, warehouse);
        await using var session = new RingCxSession(options, warehouse, time, NullLoggerFactory.Instance);

        // When reference data is synced and then two hours of every report
        var reference = await session.Reference.SyncAsync(null, Ct);
        await session.Sync.SyncAsync(new SyncRequest(day.AddHours(13), day.AddHours(15), ReportKindNames.All), Ct);
        var again = await session.Reference.SyncAsync(null, Ct);

        // Then every simulated agent is one current, non-inferred version with its name, group and rcUserId
        Assert.Equal(2, reference.Count);
        Assert.All(reference, r => Assert.True(r.Load!.AgentsAdded > 0));
        Assert.All(again, r => Assert.Equal(0, r.Load!.Changes));
        foreach (var sub in sim.Data.SubAccounts.Take(2))
        {
            var expected = sub.Agents
                .Select(a => new[] { a.AgentId.ToString(CultureInfo.InvariantCulture), a.FullName, a.RcUserId.ToString(CultureInfo.InvariantCulture), sub.AgentGroups.Single(g => g.AgentGroupId == a.AgentGroupId).GroupName, "0" })
                .OrderBy(r => r[0], StringComparer.Ordinal)
                .ToArray();
            var actual = await DimensionQueries.RowsAsync(
                test,
                $"SELECT agent_id, agent_name, rc_user_id, agent_group_name, is_inferred FROM dim_agent WHERE source_key = {DimensionQueries.SourceKey} AND is_current = 1 ORDER BY agent_id",
                sub.SubAccountId,
                Ct);
            Assert.Equal(expected, actual);

            var supervisorLinks = sub.Agents.SelectMany(a => a.SupervisorAgentIds.Select(s => (a.AgentId, s)))
                .Concat(sub.Agents.SelectMany(s => s.SuperviseeAgentIds.Select(a => (a, s.AgentId))))
                .Distinct()
                .Count();
            Assert.Equal(supervisorLinks, await test.CountAsync($"SELECT COUNT(*) FROM bridge_agent_supervisor WHERE source_key = {DimensionQueries.SourceKey}", Ct, ("@source", sub.SubAccountId)));
            Assert.Equal(
                sub.Queues.Sum(q => q.AgentIds.Count),
                await test.CountAsync($"SELECT COUNT(*) FROM bridge_queue_agent WHERE source_key = {DimensionQueries.SourceKey}", Ct, ("@source", sub.SubAccountId)));
        }

        // And the legacy sub-account's segments, which name agents by RingCentral user id only, all found their agent
        var legacy = sim.Data.SubAccounts[1].SubAccountId;
        Assert.True(await test.CountAsync($"SELECT COUNT(*) FROM fact_segment WHERE source_key = {DimensionQueries.SourceKey}", Ct, ("@source", legacy)) > 0);
        Assert.Equal(0, await test.CountAsync($"SELECT COUNT(*) FROM fact_segment WHERE source_key = {DimensionQueries.SourceKey} AND agent_key IS NULL", Ct, ("@source", legacy)));
        Assert.Equal(0, await test.CountAsync("SELECT COUNT(*) FROM v_agent_queue_interval WHERE agent_name IS NULL OR queue_name IS NULL", Ct));
        Assert.Equal(0, await test.CountAsync("SELECT COUNT(*) FROM dim_agent WHERE is_inferred = 1", Ct));
    }

    public void Dispose() => _folder.Dispose();

    private RingCxOptions Options(SimulatorHost sim)
    {
        var c = sim.Credentials;
        return new RingCxOptions
        {
            PlatformUrl = sim.BaseUrl.ToString(),
            RingCxUrl = sim.BaseUrl.ToString(),
            LandingPath = _folder.File("landing"),
            RateLimit = "600/1s",
            RequestTimeout = TimeSpan.FromSeconds(30),
            Sources =
            [
                new SourceOptions
                {
                    Name = "e2e-cx", ClientId = c.ClientId, ClientSecret = c.ClientSecret, Jwt = c.Jwt,
                    SubAccountIds = [c.SubAccountIds[0]], ApiGeneration = ApiGeneration.Cx,
                },
                new SourceOptions
                {
                    Name = "e2e-legacy", ClientId = c.ClientId, ClientSecret = c.ClientSecret, Jwt = c.Jwt,
                    SubAccountIds = [c.SubAccountIds[1]], ApiGeneration = ApiGeneration.Legacy, ReportFormat = "csv",
                },
            ],
        };
    }
}
