using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Operations;
using RcWarehouse.Cli.Sync;
using RcWarehouse.Core.Reports;
using RcWarehouse.IntegrationTests.Support;
using RcWarehouse.Simulator;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Operations;
using Xunit;

namespace RcWarehouse.IntegrationTests.Operations;

/// <summary>
/// A window that fails at the API is recorded, shown by status, retried by rerun --failed, filled by the schedule,
/// and can be dismissed with a reason; against the simulator (with injected 500s) and a warehouse file.
/// </summary>
public sealed class FailureVisibilityTests
{
    private static readonly DateTimeOffset Tuesday = new(2026, 11, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTime Monday = new(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_backfill_window_failing_at_the_api_is_recorded_shown_rerun_and_dismissable()
    {
        // Given a backfill of four queue-stats windows whose first one gets HTTP 500 on every attempt (1 retry)
        var ct = TestContext.Current.CancellationToken;
        await using var h = await StartAsync();
        var services = await h.ServicesAsync();
        var backfill = Backfill(h, services);
        FailNextQueueStatsRequest(h);
        var request = new SyncRequest(Monday, Monday.AddHours(12), [ReportKind.QueueStats]);

        // When it runs
        var summary = await backfill.RunAsync(await backfill.PlanAsync(request, ct), null, ct);

        // Then the three other windows loaded, and the failed one is recorded as an extraction failure with no file
        Assert.Equal(3, summary.WindowsLoaded);
        var failure = Assert.Single(summary.Failures);
        Assert.Contains("00:00", failure.Window, StringComparison.Ordinal);
        Assert.Equal(1L, await h.Database.ScalarAsync<long>(
            "SELECT COUNT(*) FROM load_batch WHERE status = 'failed' AND landed_file IS NULL AND error LIKE 'extract:%' AND report = 'queue-stats'"));

        // And status (JSON and table) shows it, holding "complete through" at the gap while the watermark moved on
        using (var status = await StatusJsonAsync(h))
        {
            var gap = Assert.Single(status.RootElement.GetProperty("failedIntervals").EnumerateArray());
            Assert.Equal("extract", gap.GetProperty("stage").GetString());
            Assert.False(gap.GetProperty("landedFileExists").GetBoolean());
            Assert.Equal("2026-11-02T00:00:00Z", gap.GetProperty("windowStartUtc").GetString());
            Assert.Equal("2026-11-02T03:00:00Z", gap.GetProperty("windowEndUtc").GetString());
            Assert.StartsWith("extract:", gap.GetProperty("error").GetString(), StringComparison.Ordinal);
            var queueStats = QueueStats(status);
            Assert.Equal("2026-11-02T12:00:00Z", queueStats.GetProperty("watermarkUtc").GetString());
            Assert.Equal("2026-11-02T00:00:00Z", queueStats.GetProperty("completeThroughUtc").GetString());
            Assert.Equal(1, queueStats.GetProperty("openFailures").GetInt32());
        }

        var table = await CliRun.InvokeAsync("status", "--connection", $"Data Source={h.DatabasePath}");
        Assert.Contains("1 failed interval(s)", table.Out, StringComparison.Ordinal);
        Assert.Contains("(gap)", table.Out, StringComparison.Ordinal);

        // And a second backfill of the span plans exactly the failed window again
        Assert.Equal(1, (await backfill.PlanAsync(request, ct)).Pending);

        // When rerun --failed runs
        var outcome = Assert.Single(await services.GetRequiredService<RerunService>().RerunFailedAsync(null, ReportKindNames.All, ct));

        // Then the window is extracted again (there was no file) and loaded; nothing is open and nothing is held back
        Assert.True(outcome.Cleared, outcome.Error);
        Assert.Equal("extracted again and reloaded", outcome.Outcome);
        using (var status = await StatusJsonAsync(h))
        {
            Assert.Empty(status.RootElement.GetProperty("failedIntervals").EnumerateArray());
            var queueStats = QueueStats(status);
            Assert.Equal(queueStats.GetProperty("watermarkUtc").GetString(), queueStats.GetProperty("completeThroughUtc").GetString());
        }

        // Given a later window failing the same way
        FailNextQueueStatsRequest(h);
        var later = await backfill.RunAsync(await backfill.PlanAsync(new SyncRequest(Monday.AddHours(12), Monday.AddHours(15), [ReportKind.QueueStats]), ct), null, ct);
        Assert.Single(later.Failures);
        long id;
        using (var status = await StatusJsonAsync(h))
        {
            id = Assert.Single(status.RootElement.GetProperty("failedIntervals").EnumerateArray()).GetProperty("loadBatchId").GetInt64();
        }

        // When an operator dismisses it: without a reason, with an id that is no open failure, then properly
        var connection = $"Data Source={h.DatabasePath}";
        var noReason = await CliRun.InvokeAsync("rerun", "--dismiss", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--connection", connection);
        var unknown = await CliRun.InvokeAsync("rerun", "--dismiss", "999999", "--reason", "typo", "--connection", connection);
        const string Reason = "RingCX outage on 2 Nov, numbers accepted as missing";
        var dismissed = await CliRun.InvokeAsync("rerun", "--dismiss", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", Reason, "--connection", connection);

        // Then only the proper one succeeds; status lists the failure as dismissed with its reason, it holds nothing
        // back, rerun --failed leaves it alone, and the failed batch itself is still in load_batch
        Assert.Equal(2, noReason.ExitCode);
        Assert.Contains("--reason", noReason.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("999999 is not an open failure", unknown.Error, StringComparison.Ordinal);
        Assert.True(dismissed.ExitCode == 0, dismissed.ToString());
        using (var status = await StatusJsonAsync(h))
        {
            Assert.Empty(status.RootElement.GetProperty("failedIntervals").EnumerateArray());
            var gap = Assert.Single(status.RootElement.GetProperty("dismissedFailures").EnumerateArray());
            Assert.Equal(id, gap.GetProperty("loadBatchId").GetInt64());
            Assert.Equal(Reason, gap.GetProperty("dismissedReason").GetString());
            var queueStats = QueueStats(status);
            Assert.Equal(queueStats.GetProperty("watermarkUtc").GetString(), queueStats.GetProperty("completeThroughUtc").GetString());
            Assert.Equal(0, queueStats.GetProperty("openFailures").GetInt32());
        }

        var tableAfter = await CliRun.InvokeAsync("status", "--connection", connection);
        Assert.Contains("1 dismissed failure(s)", tableAfter.Out, StringComparison.Ordinal);
        Assert.Contains(Reason, tableAfter.Out, StringComparison.Ordinal);
        Assert.Empty(await services.GetRequiredService<RerunService>().RerunFailedAsync(null, ReportKindNames.All, ct));
        Assert.Equal(Reason, await h.Database.ScalarAsync<string>($"SELECT reason FROM batch_dismissal WHERE load_batch_id = {id}"));
        Assert.Equal("failed", await h.Database.ScalarAsync<string>($"SELECT status FROM load_batch WHERE load_batch_id = {id}"));
    }

    [Fact]
    public async Task The_intraday_job_fills_an_open_gap_behind_its_watermark()
    {
        // Given a backfill whose first queue-stats window failed at the API while the others loaded
        var ct = TestContext.Current.CancellationToken;
        await using var h = await StartAsync();
        var services = await h.ServicesAsync();
        var backfill = Backfill(h, services);
        FailNextQueueStatsRequest(h);
        var summary = await backfill.RunAsync(await backfill.PlanAsync(new SyncRequest(Monday, Monday.AddHours(12), [ReportKind.QueueStats]), ct), null, ct);
        Assert.Single(summary.Failures);
        var warehouse = WarehouseOperations.For(services.GetRequiredService<IWarehouse>());
        Assert.Single(await warehouse.GetOpenFailuresAsync(ct));

        // When the intraday job runs (its own windows start at the watermark, after the gap)
        var intraday = await services.GetRequiredService<ScheduledSync>().IntradayAsync(null, ct);

        // Then it also extracted the gap again and loaded it: no failure is open and the gap's slots have facts
        Assert.True(intraday.Succeeded, string.Join("; ", intraday.Failures));
        Assert.Empty(await warehouse.GetOpenFailuresAsync(ct));
        Assert.True(await h.Database.ScalarAsync<long>(
            "SELECT COUNT(*) FROM fact_queue_interval WHERE interval_key >= 202611020000 AND interval_key < 202611020300") > 0);
    }

    [Fact]
    public async Task A_sync_window_failing_at_the_api_does_not_stop_the_others_and_is_recorded()
    {
        // Given a six-hour queue-stats sync whose first window gets HTTP 500 on every attempt
        var ct = TestContext.Current.CancellationToken;
        await using var h = await StartAsync();
        var services = await h.ServicesAsync();
        FailNextQueueStatsRequest(h);

        // When it runs
        var error = await Assert.ThrowsAsync<WindowsFailedException>(() =>
            services.GetRequiredService<RingCxSession>().Sync.SyncAsync(new SyncRequest(Monday, Monday.AddHours(6), [ReportKind.QueueStats]), ct));

        // Then the second window loaded, and the first is an open failure with its window, as status and rerun see it
        Assert.Equal(1, error.Summary.WindowsLoaded);
        var open = Assert.Single(StatusService.OpenWindows(await WarehouseOperations.For(services.GetRequiredService<IWarehouse>()).GetOpenFailuresAsync(ct)));
        Assert.Equal((Monday, Monday.AddHours(3), "extract"), (open.WindowStartUtc!.Value, open.WindowEndUtc!.Value, open.Stage));
        Assert.Contains("rerun --failed", error.Message, StringComparison.Ordinal);
    }

    private static async Task<OperationsHarness> StartAsync() =>
        await OperationsHarness.StartAsync(Tuesday, client: o =>
        {
            o.MaxRetries = 1;
            o.Sources[0].SubAccountIds = [o.Sources[0].SubAccountIds[0]];
        });

    private static BackfillService Backfill(OperationsHarness h, ServiceProvider services) =>
        new(h.RingCx, h.Operations, services.GetRequiredService<WindowRunner>(), services.GetRequiredService<RingCxSession>().Client, h.Clock);

    // One attempt and one retry: both answered 500.
    private static void FailNextQueueStatsRequest(OperationsHarness h) =>
        h.Simulator.EnqueueFaults(
            new SimulatedFault(SimulatedFaultKind.InternalServerError, "agg-queue-stats"),
            new SimulatedFault(SimulatedFaultKind.InternalServerError, "agg-queue-stats"));

    private static async Task<JsonDocument> StatusJsonAsync(OperationsHarness h)
    {
        var run = await CliRun.InvokeAsync("status", "--json", "--connection", $"Data Source={h.DatabasePath}");
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonDocument.Parse(run.Out);
    }

    private static JsonElement QueueStats(JsonDocument status) =>
        status.RootElement.GetProperty("reports").EnumerateArray().Single(r => r.GetProperty("report").GetString() == "queue-stats");
}
