using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Operations;
using RcWarehouse.Cli.Sync;
using RcWarehouse.Core.Landing;
using RcWarehouse.Core.Reports;
using RcWarehouse.IntegrationTests.Support;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Operations;
using Xunit;

namespace RcWarehouse.IntegrationTests.Operations;

/// <summary>status, rerun and backfill against the simulator and a warehouse file.</summary>
public sealed class OperatorCommandTests
{
    private static readonly DateTimeOffset Tuesday = new(2026, 11, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Status_ReportsFailedIntervals_AndRerunFailedClearsThem()
    {
        // Given two queue-stats windows loaded, then each landed file changed and loaded again (both batches fail):
        // one file is put back as it was, the other is deleted
        var ct = TestContext.Current.CancellationToken;
        await using var h = await OperationsHarness.StartAsync(Tuesday, client: o => o.Sources[0].SubAccountIds = [o.Sources[0].SubAccountIds[0]]);
        var services = await h.ServicesAsync();
        var rerun = services.GetRequiredService<RerunService>();
        var runner = services.GetRequiredService<WindowRunner>();
        var loaded = await rerun.RerunWindowAsync(new SyncRequest(new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 2, 6, 0, 0, DateTimeKind.Utc), [ReportKind.QueueStats]), ct);
        Assert.Equal(2, loaded.WindowsLoaded);
        var files = Directory.EnumerateFiles(h.RingCx.LandingPath, "*.json", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(LandingManifest.Suffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, files.Count);
        var original = await File.ReadAllBytesAsync(files[0], ct);
        foreach (var file in files)
        {
            await File.AppendAllTextAsync(file, " ", ct);
            var manifest = await LandingManifest.ReadAsync(LandingManifest.PathFor(file), ct);
            await Assert.ThrowsAsync<InvalidDataException>(() => runner.LoadLandedAsync(file, manifest, ct));
        }

        await File.WriteAllBytesAsync(files[0], original, ct);
        File.Delete(files[1]);

        // When status runs (as JSON through the command line, and as a table)
        var json = await CliRun.InvokeAsync("status", "--json", "--connection", $"Data Source={h.DatabasePath}");
        var table = await CliRun.InvokeAsync("status", "--connection", $"Data Source={h.DatabasePath}");

        // Then both failed windows are listed with their errors
        Assert.Equal(0, json.ExitCode);
        using (var status = JsonDocument.Parse(json.Out))
        {
            var failed = status.RootElement.GetProperty("failedIntervals");
            Assert.Equal(2, failed.GetArrayLength());
            Assert.All(failed.EnumerateArray(), f => Assert.Contains("SHA-256", f.GetProperty("error").GetString(), StringComparison.Ordinal));
            var queueStats = status.RootElement.GetProperty("reports").EnumerateArray().Single(r => r.GetProperty("report").GetString() == "queue-stats");
            Assert.Equal("2026-11-02T06:00:00Z", queueStats.GetProperty("watermarkUtc").GetString());
            Assert.Equal(2, queueStats.GetProperty("openFailures").GetInt32());
        }

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("2 failed interval(s)", table.Out, StringComparison.Ordinal);

        // When rerun --failed runs
        var outcomes = await rerun.RerunFailedAsync(null, ReportKindNames.All, ct);

        // Then one reloads from its landed file, the other is extracted again, and no failure is left open
        Assert.All(outcomes, o => Assert.True(o.Cleared, o.Error));
        Assert.Equal(["reloaded from the landed file", "extracted again and reloaded"], outcomes.Select(o => o.Outcome));
        Assert.Empty(await WarehouseOperations.For(services.GetRequiredService<IWarehouse>()).GetOpenFailuresAsync(ct));
        var after = await CliRun.InvokeAsync("status", "--connection", $"Data Source={h.DatabasePath}");
        Assert.Contains("no failed intervals", after.Out, StringComparison.Ordinal);
        Assert.Empty(await rerun.RerunFailedAsync(null, ReportKindNames.All, ct));
    }

    [Fact]
    public async Task Backfill_InterruptedAndStartedAgain_DoesNotRedoFinishedWindows()
    {
        // Given a backfill of half a day (4 windows x 4 reports x 2 sub-accounts) cancelled after five windows
        var ct = TestContext.Current.CancellationToken;
        await using var h = await OperationsHarness.StartAsync(Tuesday);
        var services = await h.ServicesAsync();
        var backfill = new BackfillService(h.RingCx, h.Operations, services.GetRequiredService<WindowRunner>(), services.GetRequiredService<RingCxSession>().Client, h.Clock);
        var request = new SyncRequest(new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 2, 12, 0, 0, DateTimeKind.Utc), ReportKindNames.All);
        var plan = await backfill.PlanAsync(request, ct);
        Assert.Equal((32, 0), (plan.Pending, plan.Skipped));
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => backfill.RunAsync(plan, p =>
        {
            if (p.Done == 5)
            {
                interrupt.Cancel();
            }
        }, interrupt.Token));
        var finished = await h.Database.ScalarAsync<int>("SELECT COUNT(*) FROM load_batch WHERE status = 'succeeded'");
        Assert.InRange(finished, 5, 31);

        // When it is started again
        var resumed = await backfill.PlanAsync(request, ct);
        var summary = await backfill.RunAsync(resumed, null, ct);

        // Then only the unfinished windows were loaded (each of the 32 windows has exactly one successful batch), and a
        // third start finds nothing to do
        Assert.Equal((32 - finished, finished), (resumed.Pending, resumed.Skipped));
        Assert.True(summary.Succeeded, string.Join("; ", summary.Failures));
        Assert.Equal(32 - finished, summary.WindowsLoaded);
        Assert.Equal(32L, await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'succeeded'"));
        Assert.Equal(32L, await h.Database.ScalarAsync<long>(
            "SELECT COUNT(*) FROM (SELECT DISTINCT source_key, report, window_start_utc FROM load_batch WHERE status = 'succeeded')"));
        Assert.Equal(0, (await backfill.PlanAsync(request, ct)).Pending);
        Assert.Equal(0L, await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'running'"));
    }

    [Fact]
    public async Task Backfill_Eta_ComesFromTheRateLimitBudget()
    {
        // Given the documented limit (3 per minute, 9 per 15 minutes per sub-account) and 24 windows for one sub-account
        await using var h = await OperationsHarness.StartAsync(Tuesday, client: o =>
        {
            o.RateLimit = "3/60s,9/15m";
            o.RateLimitMargin = TimeSpan.Zero;
            o.Sources[0].SubAccountIds = [o.Sources[0].SubAccountIds[0]];
        });
        var services = await h.ServicesAsync();
        var backfill = new BackfillService(h.RingCx, h.Operations, services.GetRequiredService<WindowRunner>(), services.GetRequiredService<RingCxSession>().Client, h.Clock);

        // When the ETA is asked for
        var eta = backfill.Eta(new Dictionary<string, int> { [h.RingCx.Sources[0].SubAccountIds[0]] = 24 });

        // Then it is when the 24th request may go: 1-9 at 0, 1 and 2 minutes; 10-18 at 15, 16, 17; 19-24 at 30 and 31
        Assert.Equal(TimeSpan.FromMinutes(31), eta);
    }

    [Theory]
    [InlineData("rerun")]
    [InlineData("rerun", "--failed", "--from", "2026-11-02")]
    [InlineData("rerun", "--from", "2026-11-02")]
    public async Task Rerun_NeedsEitherFailedOrASpan(params string[] args)
    {
        using var folder = new TempDirectory();
        var run = await CliRun.InvokeAsync([.. args, "--connection", $"Data Source={folder.File("w.db")}"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("either --failed or both --from and --to", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OnAnEmptyWarehouse_SaysSoAndExitsZero()
    {
        using var folder = new TempDirectory();
        await CliRun.MigrateAsync($"Data Source={folder.File("w.db")}");
        var run = await CliRun.InvokeAsync("status", "--connection", $"Data Source={folder.File("w.db")}");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no failed intervals", run.Out, StringComparison.Ordinal);
    }
}
