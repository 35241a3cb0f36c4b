using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Operations;
using RcWarehouse.Cli.Sync;
using RcWarehouse.Core.Reports;
using RcWarehouse.IntegrationTests.Operations;
using RcWarehouse.RingCx.RateLimiting;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.RateLimiting;
using Xunit;

namespace RcWarehouse.IntegrationTests.RateLimiting;

public sealed class SharedBudgetEtaTests
{
    private static readonly DateTimeOffset Tuesday = new(2026, 11, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task BackfillEta_CountsTheGrantsAnotherProcessAlreadyTook()
    {
        // Given the documented limit, and another process that took 9 grants of the sub-account over the last 2 minutes
        await using var h = await OneSubAccountAtTheDocumentedLimitAsync();
        var ct = TestContext.Current.CancellationToken;
        var services = await h.ServicesAsync();
        var sub = h.RingCx.Sources[0].SubAccountIds[0];
        var other = WarehouseRateLimitLedger.For(
            WarehouseFactory.Create(h.WarehouseOptions, h.Clock, NullLoggerFactory.Instance), h.Clock, NullLoggerFactory.Instance);
        var policy = RateLimitPolicy.Parse(h.RingCx.RateLimit, TimeSpan.Zero);
        for (var minute = 0; minute < 3; minute++)
        {
            if (minute > 0)
            {
                h.Clock.Advance(TimeSpan.FromMinutes(1));
            }

            for (var i = 0; i < 3; i++)
            {
                Assert.True((await other.TryGrantAsync(RateLimitKeys.Reports(sub), policy, ct)).Granted);
            }
        }

        // When this process plans a backfill of one window and asks for the ETA
        var backfill = Backfill(h, services);
        var day = Tuesday.UtcDateTime.Date.AddDays(-1);
        var plan = await backfill.PlanAsync(new SyncRequest(day, day.AddHours(3), [ReportKind.QueueStats]), ct);

        // Then its one request waits for the 9-per-15-minutes window the other process filled: 13 minutes, not now
        Assert.Equal(1, plan.Pending);
        Assert.Equal(TimeSpan.FromMinutes(13), backfill.Eta(plan.PendingBySubAccount));
    }

    [Fact]
    public async Task BackfillMeter_ReadingTheLedgerAgain_FollowsGrantsAnotherProcessTakesAfterPlanning()
    {
        // Given a planned backfill of one window on a fresh budget: its ETA is now
        await using var h = await OneSubAccountAtTheDocumentedLimitAsync();
        var ct = TestContext.Current.CancellationToken;
        var services = await h.ServicesAsync();
        var sub = h.RingCx.Sources[0].SubAccountIds[0];
        var backfill = Backfill(h, services);
        var day = Tuesday.UtcDateTime.Date.AddDays(-1);
        var plan = await backfill.PlanAsync(new SyncRequest(day, day.AddHours(3), [ReportKind.QueueStats]), ct);
        var meter = backfill.Meter(plan);
        await meter.RefreshAsync(ct);
        Assert.Equal(TimeSpan.Zero, meter.Snapshot().Eta);
        Assert.Equal(1, meter.Snapshot().RequestsRemaining);

        // When another process then takes 9 grants over 2 minutes, and the meter reads the ledger again
        var other = WarehouseRateLimitLedger.For(
            WarehouseFactory.Create(h.WarehouseOptions, h.Clock, NullLoggerFactory.Instance), h.Clock, NullLoggerFactory.Instance);
        var policy = RateLimitPolicy.Parse(h.RingCx.RateLimit, TimeSpan.Zero);
        for (var minute = 0; minute < 3; minute++)
        {
            if (minute > 0)
            {
                h.Clock.Advance(TimeSpan.FromMinutes(1));
            }

            for (var i = 0; i < 3; i++)
            {
                Assert.True((await other.TryGrantAsync(RateLimitKeys.Reports(sub), policy, ct)).Granted);
            }
        }

        Assert.Equal(TimeSpan.Zero, meter.Snapshot().Eta);
        await meter.RefreshAsync(ct);

        // Then the ETA is the 13 minutes until the other process's grants leave the 15-minute window, and it counts
        // down as time passes
        Assert.Equal(TimeSpan.FromMinutes(13), meter.Snapshot().Eta);
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.FromMinutes(8), meter.Snapshot().Eta);
        Assert.Equal(0, meter.Snapshot().RequestsGranted);
    }

    private static Task<OperationsHarness> OneSubAccountAtTheDocumentedLimitAsync() =>
        OperationsHarness.StartAsync(Tuesday, client: o =>
        {
            o.RateLimit = "3/60s,9/15m";
            o.RateLimitMargin = TimeSpan.Zero;
            o.Sources[0].SubAccountIds = [o.Sources[0].SubAccountIds[0]];
        });

    private static BackfillService Backfill(OperationsHarness h, IServiceProvider services) =>
        new(h.RingCx, h.Operations, services.GetRequiredService<WindowRunner>(), services.GetRequiredService<RingCxSession>().Client, h.Clock);
}
