using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RcWarehouse.Cli.Jobs;
using RcWarehouse.Cli.Recordings;
using RcWarehouse.Cli.Scheduling;
using RcWarehouse.Core.Telemetry;
using RcWarehouse.IntegrationTests.Operations;
using RcWarehouse.Warehouse;
using Xunit;

namespace RcWarehouse.IntegrationTests.Recordings;

/// <summary>The scheduled service's intraday job archives recordings after its segments publish, when enabled.</summary>
public sealed class ScheduledRecordingTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task IntradayJob_ArchivesTheRecordingsOfSegmentsEndedTenMinutesAgo_WhenEnabled(bool enabled)
    {
        // Given the service's singletons on a manual clock, with the archive on or off
        var ct = TestContext.Current.CancellationToken;
        await using var h = await OperationsHarness.StartAsync(new DateTimeOffset(2026, 11, 2, 15, 6, 0, TimeSpan.Zero), client: o => o.ReferenceRateLimit = "600/1s");
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(new RecordingsOptions { Enabled = enabled })
            .AddRcWarehouseOperations(h.RingCx, h.WarehouseOptions, h.Operations, h.Clock)
            .BuildServiceProvider();
        await services.GetRequiredService<IWarehouse>().MigrateAsync(ct);

        // When the intraday job runs
        Assert.True((await services.GetRequiredService<IntradaySyncJob>().RunOnceAsync(ct)).Succeeded);

        // Then (when enabled) every published recorded segment that ended 10 minutes before now has its recording, and no other
        var settled = h.Clock.GetUtcNow().UtcDateTime.AddMinutes(-10).ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        var due = await h.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM fact_segment WHERE has_recording = 1 AND segment_end_utc <= '{settled}'");
        Assert.True(due > 0, "the simulated two hours have recorded segments");
        Assert.Equal(enabled ? due : 0, await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM fact_recording"));
    }

    [Fact]
    public async Task IntradayJob_WhoseArchiveRunFailsAsAWhole_FailsTheRunAndCountsAFailedRecordingsRun()
    {
        // Given the service with the archive on, over a warehouse whose recording failures table is gone (a warehouse
        // error of the archive run itself, after the facts publish), and a listener on the recordings-run counter
        var ct = TestContext.Current.CancellationToken;
        await using var h = await OperationsHarness.StartAsync(new DateTimeOffset(2026, 11, 2, 15, 6, 0, TimeSpan.Zero), client: o => o.ReferenceRateLimit = "600/1s");
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(new RecordingsOptions { Enabled = true })
            .AddRcWarehouseOperations(h.RingCx, h.WarehouseOptions, h.Operations, h.Clock)
            .BuildServiceProvider();
        await services.GetRequiredService<IWarehouse>().MigrateAsync(ct);
        await h.Database.ScalarAsync<long>("DROP TABLE recording_failure; SELECT 1;");
        long failedRuns = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RcWarehouseMetrics.MeterName && instrument.Name == "rcwarehouse.recordings.runs")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "outcome", Value: "failed" })
                {
                    Interlocked.Add(ref failedRuns, value);
                }
            }
        });
        listener.Start();

        // When the intraday job runs
        var summary = await services.GetRequiredService<IntradaySyncJob>().RunOnceAsync(ct);

        // Then the run fails with the warehouse's error (what the job's error line shows), its segments are published
        // all the same, and /metrics' counter has a failed recordings run
        Assert.False(summary.Succeeded);
        Assert.Contains(summary.Failures, f => f.ToString().Contains("recording_failure", StringComparison.Ordinal));
        Assert.True(await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM fact_segment") > 0);
        Assert.True(Interlocked.Read(ref failedRuns) >= 1, "a failed recordings run is counted");
    }
}
