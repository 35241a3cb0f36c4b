using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RcWarehouse.Cli.Jobs;
using RcWarehouse.Cli.Recordings;
using RcWarehouse.Cli.Scheduling;
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
}
