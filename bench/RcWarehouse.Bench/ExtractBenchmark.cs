using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Sync;
using RcWarehouse.Core.Reports;
using RcWarehouse.RingCx;
using RcWarehouse.RingCx.RateLimiting;
using RcWarehouse.Simulator;
using RcWarehouse.Warehouse;

namespace RcWarehouse.Bench;

/// <summary>
/// A backfill of 2 days x 2 sub-accounts x 3 reports (current generation) against the simulator with its limits scaled
/// down to 3/2s,9/10s, extracted, landed and loaded into SQLite. The floor is the instant the rate limit lets the last
/// request of the busiest sub-account go, computed exactly from the rules for the number of requests actually made.
/// Usage: dotnet run -c Release --project bench/RcWarehouse.Bench -- extract
/// </summary>
internal static class ExtractBenchmark
{
    private const string Limit = "3/2s,9/10s";

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), "rcw-bench-extract-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, RateLimit = Limit }, TimeProvider.System, cancellationToken);
        var c = simulator.Credentials;
        var options = new RingCxOptions
        {
            PlatformUrl = simulator.BaseUrl.ToString(),
            RingCxUrl = simulator.BaseUrl.ToString(),
            LandingPath = Path.Combine(work, "landing"),
            RateLimit = Limit,
            RateLimitMargin = TimeSpan.FromMilliseconds(50),
            Sources = [new SourceOptions { Name = "bench", ClientId = c.ClientId, ClientSecret = c.ClientSecret, Jwt = c.Jwt, SubAccountIds = [.. c.SubAccountIds.Take(2)] }],
        };
        var warehouse = WarehouseFactory.Create(new WarehouseOptions { ConnectionString = $"Data Source={Path.Combine(work, "w.db")}" }, TimeProvider.System, NullLoggerFactory.Instance);
        await warehouse.MigrateAsync(cancellationToken);
        await using var session = new RingCxSession(options, warehouse, TimeProvider.System, NullLoggerFactory.Instance);
        var to = TimeProvider.System.GetUtcNow().UtcDateTime.Date;
        var request = new SyncRequest(to.AddDays(-2), to, ReportKindNames.All);

        var clock = Stopwatch.StartNew();
        var files = await session.Sync.SyncAsync(request, cancellationToken);
        clock.Stop();

        var perSubAccount = files.GroupBy(f => f.SubAccountId).Max(g => g.Count());
        var floor = Floor(RateLimitRule.ParseList(Limit), perSubAccount);
        var rateLimited = simulator.RequestLog.CountStatus(429);
        var maxIn10s = c.SubAccountIds.Take(2).Max(s => simulator.RequestLog.MaxRequestsInAnyWindow(s, TimeSpan.FromSeconds(10)));
        var maxIn2s = c.SubAccountIds.Take(2).Max(s => simulator.RequestLog.MaxRequestsInAnyWindow(s, TimeSpan.FromSeconds(2)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            | what | value |
            | --- | --- |
            | limit (simulator and client) | {Limit} per sub-account |
            | requests (files landed and loaded) | {files.Count} ({perSubAccount} per sub-account) |
            | rows loaded | {files.Sum(f => f.Load?.RowsLoaded ?? 0):N0} |
            | wall time | {clock.Elapsed.TotalSeconds:F1} s |
            | rate-limit floor | {floor.TotalSeconds:F1} s |
            | wall / floor | {clock.Elapsed / floor:F3} |
            | 429 answers received | {rateLimited} |
            | most requests in any 2 s / 10 s (one sub-account) | {maxIn2s} / {maxIn10s} |
            """));
        Directory.Delete(work, recursive: true);
        return rateLimited == 0 ? 0 : 1;
    }

    /// <summary>The earliest instant the n-th request may start when every rule is respected and the first goes at 0.</summary>
    internal static TimeSpan Floor(IReadOnlyList<RateLimitRule> rules, int requests)
    {
        var starts = new List<TimeSpan>(requests);
        for (var i = 0; i < requests; i++)
        {
            var earliest = TimeSpan.Zero;
            foreach (var rule in rules)
            {
                if (i >= rule.Limit)
                {
                    var bound = starts[i - rule.Limit] + rule.Window;
                    earliest = bound > earliest ? bound : earliest;
                }
            }

            starts.Add(earliest);
        }

        return starts[^1];
    }
}
