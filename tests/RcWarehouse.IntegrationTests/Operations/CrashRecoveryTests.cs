using System.Text.Json;
using Microsoft.Data.Sqlite;
using RcWarehouse.IntegrationTests.Support;
using Xunit;

namespace RcWarehouse.IntegrationTests.Operations;

/// <summary>
/// A real rcwarehouse process killed in the middle of a load, and again at a random moment, then started again,
/// leaves exactly the warehouse an uninterrupted run leaves.
/// </summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task BackfillKilledMidPublish_ThenResumed_EqualsAnUninterruptedRun()
    {
        // Given the simulator and one day to backfill for two sub-accounts (64 windows: 8 per report and sub-account)
        var ct = TestContext.Current.CancellationToken;
        await using var h = await OperationsHarness.StartAsync(TimeProvider.System.GetUtcNow(), sim => sim.VolumeScale = 1.0);
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-2);
        await CliRun.MigrateAsync($"Data Source={h.DatabasePath}");
        string[] backfill = ["backfill", "--from", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "--to", day.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)];

        // When a child process is killed while a batch is running (after a few have published). Between seeing the
        // running row and the kill landing, the batch may just have committed: then the next run is killed the same way.
        var leftRunning = 0L;
        for (var attempt = 0; attempt < 5 && leftRunning == 0; attempt++)
        {
            var published = await PublishedAsync(h);
            using var child = ChildCli.Start(h.Folder.Path, h.DatabasePath, h.RingCx, backfill);
            Assert.True(await KillWhileABatchRunsAsync(child, h.Database, minimumPublished: published + 3, ct), "the run finished before a running batch was seen");
            leftRunning = await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'running'");
        }

        Assert.True(leftRunning >= 1, "no kill landed inside a load in five attempts");
        var publishedBeforeCrash = await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'succeeded'");

        // and a second one is killed at a random moment
        using (var second = ChildCli.Start(h.Folder.Path, h.DatabasePath, h.RingCx, backfill))
        {
            await Task.Delay(Random.Shared.Next(400, 1500), ct);
            second.Kill();
            await second.WaitAsync(ct);
        }

        // and a third one runs to the end
        using (var third = ChildCli.Start(h.Folder.Path, h.DatabasePath, h.RingCx, backfill))
        {
            var result = await third.WaitAsync(ct);
            Assert.True(result.ExitCode == 0, $"resume failed: {result.Error}");
            Assert.Contains("already loaded (skipped)", result.Out, StringComparison.Ordinal);
        }

        // Then nothing is running, the abandoned batches were recorded as failed and are superseded (status shows no
        // open failure), finished windows were not loaded twice, and the warehouse equals an uninterrupted run's
        Assert.Equal(0L, await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'running'"));
        Assert.True(await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'failed' AND error LIKE 'abandoned:%'") >= 1);
        Assert.Equal(64L, await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'succeeded'"));
        Assert.True(publishedBeforeCrash >= 3);
        var status = await CliRun.InvokeAsync("status", "--json", "--connection", $"Data Source={h.DatabasePath}");
        using (var json = JsonDocument.Parse(status.Out))
        {
            Assert.Equal(0, json.RootElement.GetProperty("failedIntervals").GetArrayLength());
        }

        var clean = h.Folder.File("clean.db");
        await CliRun.MigrateAsync($"Data Source={clean}");
        using (var uninterrupted = ChildCli.Start(h.Folder.Path, clean, h.RingCx, backfill))
        {
            var result = await uninterrupted.WaitAsync(ct);
            Assert.True(result.ExitCode == 0, result.Error);
        }

        Assert.Equal(await WarehouseDump.CanonicalAsync(clean), await WarehouseDump.CanonicalAsync(h.DatabasePath));
    }

    private static async Task<long> PublishedAsync(OperationsHarness h) =>
        File.Exists(h.DatabasePath) && await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'load_batch'") > 0
            ? await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'succeeded'")
            : 0;

    private static async Task<bool> KillWhileABatchRunsAsync(ChildCli child, SqliteQueries database, long minimumPublished, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        while (!child.HasExited)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (connection.State != System.Data.ConnectionState.Open)
                {
                    await connection.OpenAsync(cancellationToken);
                }

                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT SUM(status = 'running'), SUM(status = 'succeeded') FROM load_batch";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0) && reader.GetInt64(0) > 0 && !reader.IsDBNull(1) && reader.GetInt64(1) >= minimumPublished)
                {
                    child.Kill();
                    await child.WaitAsync(cancellationToken);
                    return true;
                }
            }
            catch (SqliteException)
            {
                // Not migrated yet (no load_batch table) or the file is not there yet: look again.
                await connection.CloseAsync();
                await Task.Delay(20, cancellationToken);
            }
        }

        return false;
    }
}
