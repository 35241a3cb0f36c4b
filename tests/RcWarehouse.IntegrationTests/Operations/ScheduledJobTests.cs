using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RcWarehouse.Cli.Jobs;
using RcWarehouse.Cli.Operations;
using Xunit;

namespace RcWarehouse.IntegrationTests.Operations;

/// <summary>The intraday and nightly jobs driven by a manual clock (the job classes are invoked directly, as Quartz would).</summary>
public sealed class ScheduledJobTests
{
    private static readonly DateTimeOffset Monday1206 = new(2026, 11, 2, 12, 6, 0, TimeSpan.Zero);

    [Fact]
    public async Task Intraday_AfterAGap_CatchesUpFromTheWatermark()
    {
        // Given a first intraday run (no watermark: it starts InitialLookBack = 2 h back)
        var ct = TestContext.Current.CancellationToken;
        await using var h = await OperationsHarness.StartAsync(Monday1206);
        var services = await h.ServicesAsync();
        var job = services.GetRequiredService<IntradaySyncJob>();
        var first = await job.RunOnceAsync(ct);
        Assert.True(first.Succeeded, string.Join("; ", first.Failures));
        Assert.Equal(Watermarks("2026-11-02 12:00:00.000", "2026-11-02 11:45:00.000"), await WatermarksAsync(h));

        // When the service was down for six hours and runs again
        h.Clock.Advance(TimeSpan.FromHours(6));
        var second = await job.RunOnceAsync(ct);

        // Then the watermarks reach the last settled interval, and every slot since the first start is loaded once, gap-free
        Assert.True(second.Succeeded, string.Join("; ", second.Failures));
        Assert.Equal(Watermarks("2026-11-02 18:00:00.000", "2026-11-02 17:45:00.000"), await WatermarksAsync(h));
        foreach (var sub in h.Simulator.Credentials.SubAccountIds)
        {
            foreach (var report in new[] { "agent-extended", "queue-stats", "segments", "agent-stats" })
            {
                var windows = await h.Database.RowsAsync(
                    $"SELECT b.window_start_utc, b.window_end_utc FROM load_batch AS b JOIN dim_source AS s ON s.source_key = b.source_key " +
                    $"WHERE s.sub_account_id = '{sub}' AND b.report = '{report}' AND b.status = 'succeeded' ORDER BY b.window_start_utc");
                Assert.Equal("2026-11-02 10:00:00.000", windows[0][0]);
                for (var i = 1; i < windows.Count; i++)
                {
                    Assert.Equal(windows[i - 1][1], windows[i][0]);
                }

                Assert.Equal(report == "segments" ? "2026-11-02 17:45:00.000" : "2026-11-02 18:00:00.000", windows[^1][1]);
            }
        }
    }

    [Fact]
    public async Task Nightly_ReplacesProvisionalNumbersWithSettledOnes()
    {
        // Given intraday loaded the peak hour six minutes after its last interval ended (still provisional in RingCX)
        var ct = TestContext.Current.CancellationToken;
        await using var h = await OperationsHarness.StartAsync(new DateTimeOffset(2026, 11, 2, 15, 6, 0, TimeSpan.Zero), sim => sim.VolumeScale = 1.0);
        var services = await h.ServicesAsync();
        Assert.True((await services.GetRequiredService<IntradaySyncJob>().RunOnceAsync(ct)).Succeeded);
        var provisional = await h.Database.ScalarAsync<long>("SELECT COALESCE(SUM(talking_call_dur_sec), 0) FROM fact_queue_interval WHERE interval_key = 202611021445");

        // When the nightly job runs the next morning
        h.Clock.Advance(TimeSpan.FromHours(20));
        var nightly = await services.GetRequiredService<NightlySyncJob>().RunOnceAsync(ct);

        // Then the settled numbers replaced the provisional ones, and the warehouse equals one loaded only after settling
        Assert.True(nightly.Succeeded, string.Join("; ", nightly.Failures));
        var settled = await h.Database.ScalarAsync<long>("SELECT COALESCE(SUM(talking_call_dur_sec), 0) FROM fact_queue_interval WHERE interval_key = 202611021445");
        Assert.True(settled > provisional, $"settled {settled} should exceed provisional {provisional}");

        var reference = h.Folder.File("reference.db");
        var clean = await h.ServicesAsync(reference);
        Assert.True((await clean.GetRequiredService<NightlySyncJob>().RunOnceAsync(ct)).Succeeded);
        Assert.Equal(await WarehouseDump.CanonicalAsync(reference), await WarehouseDump.CanonicalAsync(h.DatabasePath));
    }

    [Fact]
    public async Task TwoConcurrentRuns_OverTheSameIntervals_SerializeAndEndCorrect()
    {
        // Given two services (own RingCX sessions, own warehouse objects) on one warehouse file
        var ct = TestContext.Current.CancellationToken;
        await using var h = await OperationsHarness.StartAsync(Monday1206);
        var a = await h.ServicesAsync();
        var b = await h.ServicesAsync();

        // When both re-pull the same day at the same time
        var runs = await Task.WhenAll(
            a.GetRequiredService<ScheduledSync>().NightlyAsync(null, ct),
            b.GetRequiredService<ScheduledSync>().NightlyAsync(null, ct));

        // Then every batch of both published, nothing is left running, and the warehouse equals a single run's
        Assert.All(runs, r => Assert.True(r.Succeeded, string.Join("; ", r.Failures)));
        Assert.Equal(runs[0].WindowsLoaded + runs[1].WindowsLoaded, await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'succeeded'"));
        Assert.Equal(0L, await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status <> 'succeeded'"));
        var reference = h.Folder.File("reference.db");
        var single = await h.ServicesAsync(reference);
        Assert.True((await single.GetRequiredService<ScheduledSync>().NightlyAsync(null, ct)).Succeeded);
        Assert.Equal(await WarehouseDump.CanonicalAsync(reference), await WarehouseDump.CanonicalAsync(h.DatabasePath));
    }

    private static List<string> Watermarks(string aggregates, string segments) =>
        [
            "agent-extended " + aggregates, "agent-stats " + aggregates, "queue-stats " + aggregates, "segments " + segments,
            "agent-extended " + aggregates, "agent-stats " + aggregates, "queue-stats " + aggregates, "segments " + segments,
        ];

    private static async Task<List<string>> WatermarksAsync(OperationsHarness h) =>
        [.. (await h.Database.RowsAsync("SELECT w.report, w.loaded_through_utc FROM watermark AS w JOIN dim_source AS s ON s.source_key = w.source_key ORDER BY s.sub_account_id, w.report"))
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r[0]} {r[1]}"))];
}
