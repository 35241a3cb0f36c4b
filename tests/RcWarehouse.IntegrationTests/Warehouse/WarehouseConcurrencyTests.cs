using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Warehouse;

[Collection(WarehouseCollectionDefinition.Name)]
public sealed class WarehouseConcurrencyTests(WarehouseFixture fixture)
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ParallelLoads_AllPublishWithoutInterfering(WarehouseProvider provider)
    {
        // Given four loaders: two sources, each loading queue stats and agent stats for the same hour at the same time
        var warehouse = await fixture.GetAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        var sources = new[] { NewSource("par"), NewSource("par") };

        // When they run in parallel (SQLite queues writers on BEGIN IMMEDIATE; SQL Server on its applocks)
        var loads = sources.SelectMany(source => new[]
        {
            warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(7, 8)), Stream(Enumerable.Range(0, 200).Select(i => Queue("Q" + i, At(7, 15 * (i % 4))))), ct),
            warehouse.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, Window(7, 8)), Stream(Enumerable.Range(0, 200).Select(i => Agent("A" + i, "Q" + i, At(7, 15 * (i % 4))))), ct),
        });
        var results = await Task.WhenAll(loads);

        // Then every batch succeeded and every row is there once
        Assert.All(results, r => Assert.Equal(200, r.RowsLoaded));
        foreach (var source in sources)
        {
            Assert.Equal(200, await warehouse.CountAsync("SELECT COUNT(*) FROM {fact_queue_interval} AS f INNER JOIN {dim_source} AS s ON s.source_key = f.source_key WHERE s.sub_account_id = @source", ct, ("@source", source)));
            Assert.Equal(200, await warehouse.CountAsync("SELECT COUNT(*) FROM {fact_agent_queue_interval} AS f INNER JOIN {dim_source} AS s ON s.source_key = f.source_key WHERE s.sub_account_id = @source", ct, ("@source", source)));
            Assert.Equal(200, await warehouse.CountAsync("SELECT COUNT(*) FROM {dim_queue} AS q INNER JOIN {dim_source} AS s ON s.source_key = q.source_key WHERE s.sub_account_id = @source", ct, ("@source", source)));
        }
    }
}
