using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using RcWarehouse.IntegrationTests.RingCx;
using RcWarehouse.IntegrationTests.Support;
using RcWarehouse.RingCx;
using RcWarehouse.Simulator;
using Xunit;

namespace RcWarehouse.IntegrationTests.Operations;

/// <summary>
/// The cluster proven with real processes: two <c>rcwarehouse run</c> nodes on one clustered Quartz store (the SQLite
/// file next to the warehouse) and one warehouse, against the simulator over 127.0.0.1 with a scaled rate limit.
/// </summary>
public sealed partial class ClusterProcessTests
{
    private static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CheckinMisfireThreshold = TimeSpan.FromSeconds(2);

    [Fact(Timeout = 300_000)]
    public async Task TwoRunNodes_FireEachTriggerOnce_RecoverAKilledNodesJob_StayIdempotent_AndShareTheBudget()
    {
        // Given the simulator enforcing a scaled limit (2 per 2 s, 6 per 10 s), a migrated warehouse, and the intraday
        // job every 5 seconds (nightly and reference off)
        var ct = TestContext.Current.CancellationToken;
        const string limit = "2/2s,6/10s";

        // The simulator's business day at midday, so the two hours the nodes load fall inside the agents' shifts whatever
        // the hour the test runs at; chosen once, as the clean simulator below must serve the same data even if the hour
        // turns in between.
        var zone = SimulatedBusinessDay.MiddayZone();
        await using var sim = await SimulatorHost.StartAsync(
            new SimulatorOptions { Port = 0, RateLimit = limit, VolumeScale = 0.05, FaultDelay = TimeSpan.FromSeconds(15), BusinessTimeZone = zone }, TimeProvider.System, ct);
        using var folder = new TempDirectory();
        var database = folder.File("warehouse.db");
        await CliRun.MigrateAsync($"Data Source={database}");
        var ringCx = TestClients.Options(sim, o =>
        {
            o.LandingPath = folder.File("landing");
            var source = TestClients.Source(sim, ApiGeneration.Cx);
            source.SubAccountIds = [source.SubAccountIds[0]];
            o.Sources = [source];
            o.RateLimitMargin = TimeSpan.FromSeconds(1);
            o.RequestTimeout = TimeSpan.FromSeconds(60);
        });
        var sub = ringCx.Sources[0].SubAccountIds[0];
        var schedules = Directory.CreateDirectory(folder.File("schedules")).FullName;
        await File.WriteAllTextAsync(Path.Combine(schedules, "intraday.json"), """{ "job": "intraday", "cron": "0/5 * * * * ?" }""", ct);
        await File.WriteAllTextAsync(Path.Combine(schedules, "nightly.json"), """{ "job": "nightly", "cron": "0 30 2 * * ?", "enabled": false }""", ct);
        await File.WriteAllTextAsync(Path.Combine(schedules, "reference.json"), """{ "job": "reference", "cron": "0 0 * * * ?", "enabled": false }""", ct);

        // When two nodes run on the same clustered store until both are up and five firings have finished (the
        // first one loads the last two hours, the others find nothing new)
        using var nodeA = RunNode.Start("node-a", folder.Path, database, ringCx, Settings("node-a", schedules));
        using var nodeB = RunNode.Start("node-b", folder.Path, database, ringCx, Settings("node-b", schedules));
        RunNode[] nodes = [nodeA, nodeB];
        await WaitForAsync(nodes, () => nodes.All(n => n.Lines.Any(l => l.StartsWith("run: schedules", StringComparison.Ordinal))) ? true : (bool?)null, "both nodes up", ct);
        await WaitForAsync(nodes, () => nodes.Sum(Finished) >= 5 ? true : (bool?)null, "five finished firings", ct);

        // Then, both nodes up, every fire time so far was started by one node only
        var shared = Starts(nodes);
        Assert.True(shared.Select(s => s.FireTime).Distinct().Count() == shared.Count, $"a fire time ran on more than one node:\n{Log(nodes)}");

        // and then, with the next job made slow (its first request to the sub-account stalls 15 s before it is
        // answered) and made to load again (the watermarks dropped, so it re-pulls the same two hours), the node
        // that starts it is killed (SIGKILL) while it runs
        sim.EnqueueFaults(new SimulatedFault(SimulatedFaultKind.Delay, $"/sub-accounts/{sub}/"));
        var before = Starts(nodes).Count;
        await ExecuteAsync(database, "DELETE FROM watermark", ct);
        var dropped = TimeProvider.System.GetUtcNow().UtcDateTime;
        var first = await WaitForAsync(nodes, () => Starts(nodes).Skip(before).FirstOrDefault(s => s.FireTime > dropped), "a job start after the watermarks were dropped", ct);
        var killed = nodes.SingleOrDefault(n => n.Name == first.Node);
        Assert.True(killed is not null, $"the job started on '{first.Node}', which is not a node's configured id:\n{Log(nodes)}");
        var survivor = nodes.Single(n => n != killed);
        await killed.KillAsync(ct);
        var killedAt = Stopwatch.StartNew();

        // Then the other node recovers that firing (Quartz marks it recovering) once the dead node misses its check-in
        var recovered = await WaitForAsync(nodes, () => Starts(nodes).FirstOrDefault(s => s.Recovering), "the firing recovered by the survivor", ct);
        var recoveredAfter = killedAt.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{killed.Name} killed running the {first.FireTime:HH:mm:ss} firing; {recovered.Node} recovered it {recoveredAfter.TotalSeconds:F1} s later " +
            $"(check-in {CheckinInterval.TotalSeconds} s + threshold {CheckinMisfireThreshold.TotalSeconds} s)");
        Assert.Equal(survivor.Name, recovered.Node);
        Assert.Equal(first.FireTime, recovered.FireTime);

        // and keeps firing: wait for two further firings after the recovered one to finish, then stop it between runs
        var finishedBefore = Finished(survivor);
        await WaitForAsync(nodes, () => Finished(survivor) >= finishedBefore + 3 ? true : (bool?)null, "the recovered run and two more on the survivor", ct);
        await survivor.KillAsync(ct);

        // Then each firing ran once across the cluster: every fire time was started by one node, except the killed
        // node's, which was started once more by the survivor as a recovery
        var starts = Starts(nodes);
        var log = Log(nodes);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", starts.Select(s => $"{s.FireTime:HH:mm:ss} on {s.Node}{(s.Recovering ? " (recovery)" : "")}")));
        Assert.True(starts.Count >= 9, log);
        Assert.Single(starts, s => s.Recovering);
        var regular = starts.Where(s => !s.Recovering).ToList();
        Assert.True(regular.Select(s => s.FireTime).Distinct().Count() == regular.Count, log);
        Assert.Equal([first.FireTime], starts.GroupBy(s => s.FireTime).Where(g => g.Count() > 1).Select(g => g.Key));

        // and nothing is left running (the killed node's batch, if it had begun one, is marked abandoned)
        var db = new SqliteQueries(database);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'running'"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'failed' AND error NOT LIKE 'abandoned:%'"));

        // and the two nodes together drew no 429 from the simulator (both spent the one budget: the killed node its
        // stalled request, the survivor the rest)
        var requests = sim.RequestLog.RateLimitedRequests(sub);
        TestContext.Current.TestOutputHelper?.WriteLine($"{requests.Count} rate-limited requests, {sim.RequestLog.CountStatus(429)} answered 429");
        Assert.True(requests.Count >= 2, log);
        Assert.Equal(0, sim.RequestLog.CountStatus(429));

        // and the facts equal those of one clean `sync` of the same windows (every report `run` loaded) into a fresh
        // warehouse, drawn from a fresh simulator with the same seed and limit (the same data): the clean warehouse's
        // rate-limit ledger starts empty, so it must meet a limiter that has not seen the nodes' requests either
        await using var cleanSim = await SimulatorHost.StartAsync(
            new SimulatorOptions { Port = 0, RateLimit = limit, VolumeScale = 0.05, BusinessTimeZone = zone }, TimeProvider.System, ct);
        var cleanRingCx = TestClients.Options(cleanSim, o =>
        {
            o.LandingPath = folder.File("clean-landing");
            var source = TestClients.Source(cleanSim, ApiGeneration.Cx);
            source.SubAccountIds = [sub];
            o.Sources = [source];
            o.RateLimitMargin = TimeSpan.FromSeconds(1);
            o.RequestTimeout = TimeSpan.FromSeconds(60);
        });
        var clean = folder.File("clean.db");
        await CliRun.MigrateAsync($"Data Source={clean}");
        var windows = await db.RowsAsync(
            """
            SELECT b.report, MIN(b.window_start_utc), w.loaded_through_utc
            FROM load_batch AS b
            JOIN watermark AS w ON w.source_key = b.source_key AND w.report = b.report
            WHERE b.status = 'succeeded' AND b.report IN ('agent-extended', 'queue-stats', 'segments', 'agent-stats')
            GROUP BY b.report, w.loaded_through_utc
            """);
        Assert.Equal(["agent-extended", "agent-stats", "queue-stats", "segments"], windows.Select(w => (string)w[0]!).Order(StringComparer.Ordinal));
        foreach (var window in windows)
        {
            using var sync = ChildCli.Start(
                folder.Path, clean, cleanRingCx, "sync", "--report", (string)window[0]!, "--from", Minute(window[1]), "--to", Minute(window[2]));
            var result = await sync.WaitAsync(ct);
            Assert.True(result.ExitCode == 0, $"clean sync of {window[0]}: exit {result.ExitCode}\n{result.Out}\n{result.Error}");
        }

        var facts = Facts(await WarehouseDump.CanonicalAsync(database));
        foreach (var table in new[] { "fact_queue_interval", "fact_agent_interval" })
        {
            Assert.Contains($"{table} (", facts, StringComparison.Ordinal);
            Assert.DoesNotContain($"{table} (0 rows)", facts, StringComparison.Ordinal);
        }

        Assert.Equal(Facts(await WarehouseDump.CanonicalAsync(clean)), facts);
        Assert.Equal(0, cleanSim.RequestLog.CountStatus(429));
    }

    private static async Task ExecuteAsync(string database, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(new SqliteQueries(database).ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Dictionary<string, string> Settings(string node, string schedules) => new()
    {
        ["RCW_Operations__SchedulesPath"] = schedules,
        ["RCW_Operations__InitialLookBack"] = "02:00:00",
        ["RCW_Operations__Quartz__PersistentStore"] = "true",
        ["RCW_Operations__Quartz__InstanceId"] = node,
        ["RCW_Operations__Quartz__CheckinInterval"] = CheckinInterval.ToString("c", CultureInfo.InvariantCulture),
        ["RCW_Operations__Quartz__CheckinMisfireThreshold"] = CheckinMisfireThreshold.ToString("c", CultureInfo.InvariantCulture),
    };

    /// <summary>Every "Job intraday started" line of the nodes: which node, which scheduled fire time, whether a recovery.</summary>
    private static List<JobStart> Starts(IEnumerable<RunNode> nodes) =>
    [
        .. nodes.SelectMany(n => n.Lines).Select(l => StartLine().Match(l)).Where(m => m.Success).Select(m => new JobStart(
            m.Groups["node"].Value,
            DateTime.ParseExact(m.Groups["fire"].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            m.Groups["recovering"].Success)),
    ];

    private static string Log(IEnumerable<RunNode> nodes) => string.Join("\n\n", nodes.Select(n => n.ToString()));

    private static int Finished(RunNode node) => node.Lines.Count(l => l.Contains("Job intraday finished", StringComparison.Ordinal));

    /// <summary>The fact tables of a dump, with a member's version (its valid-from) left out: reference data was synced at different moments.</summary>
    private static string Facts(string dump) =>
        string.Concat(dump.Split("## ").Where(s => s.StartsWith("fact_", StringComparison.Ordinal)).Select(s => VersionSuffix().Replace(s, "")));

    private static string Minute(object? utc) =>
        DateTime.Parse((string)utc!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static async Task<T> WaitForAsync<T>(RunNode[] nodes, Func<T?> probe, string what, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (probe() is { } found)
            {
                return found;
            }

            Assert.False(nodes.All(n => n.HasExited), $"every node exited before {what}:\n{Log(nodes)}");
            await Task.Delay(50, cancellationToken);
        }

        Assert.Fail($"no {what} within 3 minutes:\n{Log(nodes)}");
        throw new UnreachableException();
    }

    [GeneratedRegex(@"Job intraday started on node (?<node>\S+) for its firing at (?<fire>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC(?<recovering> \(recovering)?")]
    private static partial Regex StartLine();

    [GeneratedRegex(@"@[^ |\r\n]*")]
    private static partial Regex VersionSuffix();

    private sealed record JobStart(string Node, DateTime FireTime, bool Recovering);
}
