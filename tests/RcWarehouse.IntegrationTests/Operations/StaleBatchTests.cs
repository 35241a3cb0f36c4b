using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RcWarehouse.IntegrationTests.Support;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Operations;
using Xunit;

namespace RcWarehouse.IntegrationTests.Operations;

public sealed class StaleBatchTests
{
    [Fact]
    public async Task RunningBatches_OfDeadOrLongGoneOwners_AreMarkedFailed_LiveOnesAreLeftAlone()
    {
        // Given three running batches: one owned by a process of this machine that no longer exists, one by this very
        // process, one by a process on another machine that started three hours ago
        var ct = TestContext.Current.CancellationToken;
        var now = new DateTimeOffset(2026, 11, 3, 12, 0, 0, TimeSpan.Zero);
        await using var h = await OperationsHarness.StartAsync(now);
        var services = await h.ServicesAsync();
        var warehouse = services.GetRequiredService<IWarehouse>();
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var selfOwner = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{self.StartTime.ToUniversalTime().Ticks}");
        await InsertRunningAsync(h.Database, 1, $"{Environment.MachineName}/{int.MaxValue - 7}/638000000000000000", "2026-11-03 11:59:00.000");
        await InsertRunningAsync(h.Database, 2, selfOwner, "2026-11-03 11:59:00.000");
        await InsertRunningAsync(h.Database, 3, "some-other-node/42/638000000000000000", "2026-11-03 09:00:00.000");

        // When dead batches are looked for (stale after two hours)
        var abandoned = await WarehouseOperations.For(warehouse).AbandonDeadBatchesAsync(TimeSpan.FromHours(2), ct);

        // Then the dead and the stale one are failed with the reason, the live one keeps running
        Assert.Equal([1L, 3L], abandoned.Select(a => a.LoadBatchId));
        var rows = await h.Database.RowsAsync("SELECT load_batch_id, status, error FROM load_batch ORDER BY load_batch_id");
        Assert.Equal("failed", rows[0][1]);
        Assert.Contains("no longer running", (string)rows[0][2]!, StringComparison.Ordinal);
        Assert.Equal("running", rows[1][1]);
        Assert.Equal("failed", rows[2][1]);
        Assert.Contains("180 minutes", (string)rows[2][2]!, StringComparison.Ordinal);
    }

    private static async Task InsertRunningAsync(SqliteQueries db, long id, string owner, string startedUtc)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO dim_source (sub_account_id) VALUES ('stale-test') ON CONFLICT (sub_account_id) DO NOTHING;
            INSERT INTO load_batch (load_batch_id, source_key, report, status, started_utc)
            VALUES ($id, (SELECT source_key FROM dim_source WHERE sub_account_id = 'stale-test'), 'queue-stats', 'running', $started);
            INSERT INTO batch_owner (load_batch_id, owner, claimed_utc) VALUES ($id, $owner, $started);
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$started", startedUtc);
        await command.ExecuteNonQueryAsync();
    }
}
