using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>
/// Transient failures load the same rows again as a new batch, a bounded number of times; a finished batch can only be
/// finished by its own running publish. The faults are injected before the publish transaction (FaultingDialect).
/// </summary>
[Collection(WarehouseCollectionDefinition.Name)]
public sealed class WarehouseRetryTests(WarehouseFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TransientFailure_LoadsTheSameRowsAgainAsANewBatch(WarehouseProvider provider)
    {
        // Given an engine whose first publish attempt fails as a deadlock victim would
        var warehouse = await fixture.CreateFaultingAsync(provider, attempt =>
            attempt == 1 ? throw new SimulatedTransientException("chosen as deadlock victim (simulated)") : Task.CompletedTask);
        var source = NewSource("retry");

        // When a batch loads
        var result = await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(10, 11)), Stream([Queue("Q1", At(10, 0)), Queue("Q2", At(10, 15))]), Ct);

        // Then the second attempt, a new batch, published every row once, and the first is recorded as failed
        Assert.Equal(2, result.RowsLoaded);
        var batches = await warehouse.Warehouse.GetBatchesAsync(source, 10, Ct);
        Assert.Equal(["succeeded", "failed"], batches.Select(b => b.Status));
        Assert.Equal(result.LoadBatchId, batches[0].LoadBatchId);
        Assert.Equal("chosen as deadlock victim (simulated)", batches[1].Error);
        Assert.Equal(2, await warehouse.CountAsync("SELECT COUNT(*) FROM {fact_queue_interval} AS f INNER JOIN {dim_source} AS s ON s.source_key = f.source_key WHERE s.sub_account_id = @source", Ct, ("@source", source)));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TransientFailureThatPersists_GivesUpAfterTheConfiguredRetries(WarehouseProvider provider)
    {
        var attempts = 0;
        var warehouse = await fixture.CreateFaultingAsync(
            provider,
            _ =>
            {
                Interlocked.Increment(ref attempts);
                throw new SimulatedTransientException("database unavailable (simulated)");
            },
            options => options.TransientRetries = 2);
        var source = NewSource("giveup");

        var ex = await Assert.ThrowsAsync<SimulatedTransientException>(
            () => warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(10, 11)), Stream([Queue("Q1", At(10, 0))]), Ct));

        // One attempt and two retries, each its own failed batch; nothing published
        Assert.Equal("database unavailable (simulated)", ex.Message);
        Assert.Equal(3, attempts);
        Assert.Equal(["failed", "failed", "failed"], (await warehouse.Warehouse.GetBatchesAsync(source, 10, Ct)).Select(b => b.Status));
        Assert.Equal(0, await warehouse.CountAsync("SELECT COUNT(*) FROM {fact_queue_interval} AS f INNER JOIN {dim_source} AS s ON s.source_key = f.source_key WHERE s.sub_account_id = @source", Ct, ("@source", source)));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RefusedRows_AreNotRetried(WarehouseProvider provider)
    {
        var attempts = 0;
        var warehouse = await fixture.CreateFaultingAsync(provider, _ =>
        {
            Interlocked.Increment(ref attempts);
            return Task.CompletedTask;
        });
        var source = NewSource("noretry");

        await Assert.ThrowsAsync<InvalidDataException>(
            () => warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(10, 11)), Stream([Queue("Q1", At(10, 0)), Queue("Q1", At(12, 0))]), Ct));

        Assert.Single(await warehouse.Warehouse.GetBatchesAsync(source, 10, Ct));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task BatchMarkedFailedWhileItRuns_IsNotPublished(WarehouseProvider provider)
    {
        // Given a batch that someone else (the stale-batch sweeper of another process) marks failed just before its publish
        var shared = await fixture.GetAsync(provider);
        var source = NewSource("swept");
        var warehouse = await fixture.CreateFaultingAsync(provider, async _ =>
            await shared.ExecuteAsync(
                "UPDATE {load_batch} SET status = 'failed', error = 'abandoned (test)' WHERE status = 'running' AND source_key = (SELECT s.source_key FROM {dim_source} AS s WHERE s.sub_account_id = @source)",
                Ct,
                ("@source", source)));

        // When it publishes
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(10, 11)), Stream([Queue("Q1", At(10, 0))]), Ct));

        // Then its finish finds no running batch, the publish rolls back, and the batch stays failed
        Assert.Contains("is no longer running", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await shared.CountAsync("SELECT COUNT(*) FROM {fact_queue_interval} AS f INNER JOIN {dim_source} AS s ON s.source_key = f.source_key WHERE s.sub_account_id = @source", Ct, ("@source", source)));
        Assert.Equal("failed", (await shared.Warehouse.GetBatchesAsync(source, 1, Ct)).Single().Status);
    }
}
