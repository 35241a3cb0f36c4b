using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.QueueStats;
using RcWarehouse.IntegrationTests.Warehouse;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Dimensions;

/// <summary>dim_interval in the business time zone (America/New_York in the fixture) across both 2026 clock changes.</summary>
[Collection(WarehouseCollectionDefinition.Name)]
public sealed class DimIntervalDstTests(WarehouseFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SpringForwardDay_Has92QuarterHours_AndSkipsTwoOClock(WarehouseProvider provider)
    {
        // Given every slot of 8 and 9 March 2026 (UTC) published
        var w = await fixture.GetAsync(provider);
        await PublishSlotsAsync(w, new DateTime(2026, 3, 8, 0, 0, 0, DateTimeKind.Utc));

        // Then the local 8 March has 23 hours, none of them 02:xx
        Assert.Equal(92, await w.CountAsync("SELECT COUNT(*) FROM {dim_interval} WHERE local_date = @d", Ct, ("@d", new DateOnly(2026, 3, 8))));
        Assert.Equal(0, await w.CountAsync("SELECT COUNT(*) FROM {dim_interval} WHERE local_date = @d AND local_hour = 2", Ct, ("@d", new DateOnly(2026, 3, 8))));

        // And 06:45Z is 01:45 EST, the next slot 07:00Z already 03:00 EDT
        Assert.Equal(
            [["202603080645", "01:45:00", "1", "7", "1"], ["202603080700", "03:00:00", "3", "7", "1"]],
            await SlotsAsync(w, 202603080645, 202603080700));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task FallBackDay_Has100QuarterHours_AndOneOClockTwice(WarehouseProvider provider)
    {
        // Given every slot of 1 and 2 November 2026 (UTC) published
        var w = await fixture.GetAsync(provider);
        await PublishSlotsAsync(w, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));

        // Then the local 1 November has 25 hours, 01:xx twice
        Assert.Equal(100, await w.CountAsync("SELECT COUNT(*) FROM {dim_interval} WHERE local_date = @d", Ct, ("@d", new DateOnly(2026, 11, 1))));
        Assert.Equal(8, await w.CountAsync("SELECT COUNT(*) FROM {dim_interval} WHERE local_date = @d AND local_hour = 1", Ct, ("@d", new DateOnly(2026, 11, 1))));

        // And 05:45Z is 01:45 EDT, 06:00Z is 01:00 EST, 06:45Z 01:45 EST again; a Sunday (ISO day 7), a weekend
        Assert.Equal(
            [["202611010545", "01:45:00", "1", "7", "1"], ["202611010600", "01:00:00", "1", "7", "1"], ["202611010645", "01:45:00", "1", "7", "1"]],
            await SlotsAsync(w, 202611010545, 202611010600, 202611010645));
    }

    // An empty batch with a window still records every slot it covers, which is all dim_interval needs.
    private static async Task PublishSlotsAsync(TestWarehouse w, DateTime fromUtc)
    {
        var request = Request(NewSource("dst"), ReportKind.QueueStats, new UtcWindow(fromUtc, fromUtc.AddDays(2)));
        await w.Warehouse.LoadAsync(request, Stream(Array.Empty<QueueStatsRow>()), Ct);
    }

    private static async Task<string[][]> SlotsAsync(TestWarehouse w, params long[] keys) =>
    [
        .. (await w.QueryAsync(
                $"SELECT interval_key, local_time, local_hour, day_of_week, is_weekend FROM {{dim_interval}} WHERE interval_key IN ({string.Join(", ", keys)}) ORDER BY interval_key",
                Ct))
            .Select(r => r.Select(v => Engines.Text(v) ?? "NULL").ToArray()),
    ];
}
