using Microsoft.Extensions.Logging.Abstractions;
using RcWarehouse.IntegrationTests.Support;
using RcWarehouse.IntegrationTests.Warehouse;
using RcWarehouse.RingCx.RateLimiting;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.RateLimiting;
using Xunit;

namespace RcWarehouse.IntegrationTests.RateLimiting;

/// <summary>
/// The warehouse ledger's decisions on a real SQLite file and a manual clock. Two ledger objects over one file stand
/// for two processes: they share nothing but the file.
/// </summary>
public sealed class WarehouseRateLimitLedgerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly RateLimitPolicy Documented = RateLimitPolicy.Parse("3/60s,9/15m", TimeSpan.Zero);

    private readonly TempDirectory _folder = new();
    private readonly ManualClock _clock = new(Start);

    public void Dispose() => _folder.Dispose();

    private async Task<(WarehouseRateLimitLedger Ledger, SqliteQueries Database)> OpenAsync()
    {
        var path = _folder.File("warehouse.db");
        var warehouse = WarehouseFactory.Create(new WarehouseOptions { ConnectionString = $"Data Source={path}" }, _clock, NullLoggerFactory.Instance);
        await warehouse.MigrateAsync(TestContext.Current.CancellationToken);
        return (WarehouseRateLimitLedger.For(warehouse, _clock, NullLoggerFactory.Instance), new SqliteQueries(path));
    }

    [Fact]
    public async Task FourthGrantInAMinute_WaitsExactlyUntilTheFirstLeavesTheWindow()
    {
        // Given three grants at 0, 10 and 20 seconds
        var (ledger, _) = await OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        foreach (var at in new[] { 0, 10, 20 })
        {
            _clock.Advance(Start.AddSeconds(at) - _clock.GetUtcNow());
            Assert.True((await ledger.TryGrantAsync("reports/1", Documented, ct)).Granted);
        }

        // When a fourth is asked for at 30 s, and again at 60 s
        _clock.Advance(TimeSpan.FromSeconds(10));
        var early = await ledger.TryGrantAsync("reports/1", Documented, ct);
        _clock.Advance(TimeSpan.FromSeconds(30));
        var onTime = await ledger.TryGrantAsync("reports/1", Documented, ct);

        // Then the first waits the 30 s until the grant at 0 s leaves its window, and the second is granted
        Assert.False(early.Granted);
        Assert.Equal(TimeSpan.FromSeconds(30), early.Wait);
        Assert.Equal(3, early.State.Grants.Count);
        Assert.True(onTime.Granted);
        Assert.Equal(Start.AddSeconds(60), onTime.At);
    }

    [Fact]
    public async Task GrantsOfTwoProcesses_CountTogether_AgainstBothRules()
    {
        // Given two ledgers over one file (two processes), taking turns at 3 a minute for 3 minutes
        var (first, _) = await OpenAsync();
        var (second, _) = await OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        var granted = 0;
        for (var minute = 0; minute < 3; minute++)
        {
            for (var i = 0; i < 3; i++)
            {
                var ledger = (minute * 3 + i) % 2 == 0 ? first : second;
                Assert.True((await ledger.TryGrantAsync("reports/1", Documented, ct)).Granted, $"grant {minute * 3 + i + 1}");
                granted++;
            }

            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        // When the tenth is asked for at minute 3 by either of them
        var tenth = await first.TryGrantAsync("reports/1", Documented, ct);
        var tenthElsewhere = await second.TryGrantAsync("reports/1", Documented, ct);

        // Then the 9-per-15-minutes rule, counting both processes' grants, holds it until minute 15
        Assert.Equal(9, granted);
        Assert.False(tenth.Granted);
        Assert.Equal(TimeSpan.FromMinutes(12), tenth.Wait);
        Assert.Equal(TimeSpan.FromMinutes(12), tenthElsewhere.Wait);
    }

    [Fact]
    public async Task BudgetKeys_AreIndependent()
    {
        var (ledger, _) = await OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 3; i++)
        {
            await ledger.TryGrantAsync("reports/1", Documented, ct);
        }

        Assert.False((await ledger.TryGrantAsync("reports/1", Documented, ct)).Granted);
        Assert.True((await ledger.TryGrantAsync("reports/2", Documented, ct)).Granted);
    }

    [Fact]
    public async Task GrantsOlderThanTheLongestWindow_AreDeleted_WhenTheKeyGrantsAgain()
    {
        // Given three grants, then 15 minutes later a fourth
        var (ledger, database) = await OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 3; i++)
        {
            await ledger.TryGrantAsync("reports/1", Documented, ct);
        }

        await ledger.TryGrantAsync("reports/2", Documented, ct);
        _clock.Advance(TimeSpan.FromMinutes(15));
        Assert.True((await ledger.TryGrantAsync("reports/1", Documented, ct)).Granted);

        // Then only the new grant of that key is kept (the other key's grant waits for its own next grant)
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT COUNT(*) FROM rate_limit_grant WHERE budget_key = 'reports/1'"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT COUNT(*) FROM rate_limit_grant WHERE budget_key = 'reports/2'"));
    }

    [Fact]
    public async Task Block_HoldsTheKeyForEveryProcess_AndAnEarlierBlockNeverShortensIt()
    {
        // Given a block until 8:00:20 recorded by one process, then one until 8:00:05 by another
        var (first, database) = await OpenAsync();
        var (second, _) = await OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await first.BlockAsync("reports/1", Start.AddSeconds(20), "429 from POST /x", ct);
        await second.BlockAsync("reports/1", Start.AddSeconds(5), "429 from POST /y", ct);

        // When the other process asks at 8:00:00 and at 8:00:20
        var blocked = await second.TryGrantAsync("reports/1", Documented, ct);
        var state = await second.ReadAsync("reports/1", Documented, ct);
        _clock.Advance(TimeSpan.FromSeconds(20));
        var after = await second.TryGrantAsync("reports/1", Documented, ct);

        // Then it waits the whole 20 seconds, and is granted once the block ends
        Assert.Equal(TimeSpan.FromSeconds(20), blocked.Wait);
        Assert.Equal(Start.AddSeconds(20), state.BlockedUntil);
        Assert.True(after.Granted);
        Assert.Equal("429 from POST /x", await database.ScalarAsync<string>("SELECT reason FROM rate_limit_block WHERE budget_key = 'reports/1'"));
        Assert.True((await first.TryGrantAsync("reports/2", Documented, ct)).Granted, "a block holds only its own key");
    }

    [Fact]
    public async Task GrantTimes_AreRoundedUp_SoAStoredGrantIsNeverEarlierThanItWasMade()
    {
        // Given a grant made at 8:00:00.0004
        var (ledger, _) = await OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        var policy = RateLimitPolicy.Parse("1/1s", TimeSpan.Zero);
        _clock.Advance(TimeSpan.FromTicks(4_000));
        var grant = await ledger.TryGrantAsync("reports/1", policy, ct);

        // When the next is asked for exactly one second after it was made
        _clock.Advance(TimeSpan.FromSeconds(1));
        var next = await ledger.TryGrantAsync("reports/1", policy, ct);

        // Then it is recorded at 8:00:00.001 and the next waits the rest of that millisecond
        Assert.Equal(Start.AddMilliseconds(1), grant.At);
        Assert.False(next.Granted);
        Assert.Equal(TimeSpan.FromTicks(6_000), next.Wait);
    }
}
