using System.Text.Json;
using RcWarehouse.Cli;
using RcWarehouse.Cli.Commands;
using RcWarehouse.Cli.Scheduling;
using RcWarehouse.IntegrationTests.Support;
using RcWarehouse.Simulator;
using Xunit;

namespace RcWarehouse.IntegrationTests.Operations;

/// <summary>
/// <c>run</c> loads a new source's reference data before its first facts (through the real Quartz host), and when the
/// reference endpoint fails the facts still load and <c>status</c> says the source's reference data is missing.
/// </summary>
public sealed class ReferenceBeforeFactsTests
{
    [Fact]
    public async Task RunStart_ForNewSources_LoadsReferenceBeforeTheFirstFactBatch()
    {
        // Given a fresh warehouse (every configured sub-account is new) and the intraday job firing every second, the
        // hourly reference job not due during the test
        var ct = TestContext.Current.CancellationToken;
        await using var h = await OperationsHarness.StartAsync(TimeProvider.System.GetUtcNow(), Midday);

        // When the service's host runs until the intraday job finished a run
        var log = await RunUntilIntradayFinishedAsync(h, ct);

        // Then per sub-account a successful reference batch was started and finished before its first report batch started
        Assert.Contains("has no reference data yet: syncing it before its facts", log, StringComparison.Ordinal);
        foreach (var sub in h.Simulator.Credentials.SubAccountIds)
        {
            var rows = await h.Database.RowsAsync(
                "SELECT b.report, b.status, b.load_batch_id, b.started_utc, b.finished_utc FROM load_batch AS b " +
                $"JOIN dim_source AS s ON s.source_key = b.source_key WHERE s.sub_account_id = '{sub}' ORDER BY b.load_batch_id");
            var reference = rows.Where(r => (string)r[0]! == "reference").ToList();
            var facts = rows.Where(r => (string)r[0]! != "reference").ToList();
            Assert.Equal("succeeded", (string)Assert.Single(reference)[1]!);
            Assert.NotEmpty(facts);
            Assert.True((long)reference[0][2]! < (long)facts[0][2]!, $"{sub}: reference batch {reference[0][2]} after fact batch {facts[0][2]}");
            Assert.True(string.CompareOrdinal((string)reference[0][4]!, (string)facts[0][3]!) <= 0, $"{sub}: reference finished {reference[0][4]}, facts started {facts[0][3]}");
        }

        // And the facts credit real agents: no inferred agent is left
        Assert.Equal(0L, await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM dim_agent WHERE is_inferred = 1"));
    }

    [Fact]
    public async Task RunStart_WhenTheReferenceEndpointFails_LoadsFactsAndStatusSaysReferenceIsMissing()
    {
        // Given the reference endpoint answering 500 (no retries), and a fresh warehouse
        var ct = TestContext.Current.CancellationToken;
        await using var h = await OperationsHarness.StartAsync(TimeProvider.System.GetUtcNow(), Midday, o => o.MaxRetries = 0);
        h.Simulator.EnqueueFaults([.. Enumerable.Repeat(new SimulatedFault(SimulatedFaultKind.InternalServerError, "/agentGroups"), 8)]);

        // When the service's host runs until the intraday job finished a run
        var log = await RunUntilIntradayFinishedAsync(h, ct);

        // Then the failed reference sync was logged and counted in the job's failures, and the facts loaded anyway
        Assert.Contains("the reference sync before its facts failed; facts credit inferred agents until sync-reference succeeds", log, StringComparison.Ordinal);
        Assert.Matches(@"Job intraday finished with \d+ failure\(s\)", log);
        Assert.Equal(0L, await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE report = 'reference' AND status = 'succeeded'"));
        Assert.True(await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE report <> 'reference' AND status = 'succeeded'") > 0);
        Assert.True(await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM dim_agent WHERE is_inferred = 1") > 0);

        // And status (JSON and table) says reference data is missing for every source
        var json = await CliRun.InvokeAsync("status", "--json", "--connection", $"Data Source={h.DatabasePath}");
        Assert.True(json.ExitCode == 0, json.ToString());
        using (var status = JsonDocument.Parse(json.Out))
        {
            var reference = status.RootElement.GetProperty("reference").EnumerateArray().ToList();
            Assert.Equal(h.Simulator.Credentials.SubAccountIds.Order(StringComparer.Ordinal), reference.Select(r => r.GetProperty("sourceId").GetString()));
            Assert.All(reference, r =>
            {
                Assert.Equal(JsonValueKind.Null, r.GetProperty("referenceLoadedUtc").ValueKind);
                Assert.True(r.GetProperty("missing").GetBoolean());
            });
        }

        var table = await CliRun.InvokeAsync("status", "--connection", $"Data Source={h.DatabasePath}");
        Assert.True(table.ExitCode == 0, table.ToString());
        foreach (var sub in h.Simulator.Credentials.SubAccountIds)
        {
            Assert.Contains($"({sub}): facts credit inferred agents until sync-reference succeeds", table.Out, StringComparison.Ordinal);
        }
    }

    // The intraday run loads the two hours before now: with the simulator's business day at midday there, its agents are
    // on shift and take calls whatever the hour the test runs at, so the facts credit agents (at night they may not).
    private static void Midday(SimulatorOptions simulator) => simulator.BusinessTimeZone = SimulatedBusinessDay.MiddayZone();

    private static async Task<string> RunUntilIntradayFinishedAsync(OperationsHarness h, CancellationToken ct)
    {
        var schedules = JobSchedules.Defaults.Select(s => s.Job == "intraday" ? s with { Cron = "* * * * * ?" } : s with { Cron = "0 0 0 1 1 ? 2099" }).ToList();
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var host = RunCommand.Build(new CliConsole(output, errors), h.RingCx, h.WarehouseOptions, h.Operations, schedules, TimeProvider.System);
        await CliRun.MigrateAsync($"Data Source={h.DatabasePath}");
        await host.StartAsync(ct);
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(90);
        while (!Log(errors).Contains("Job intraday finished", StringComparison.Ordinal) && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(50, ct);
        }

        await host.StopAsync(ct);
        return Log(errors);
    }

    private static string Log(StringWriter writer)
    {
        lock (writer)
        {
            return writer.ToString();
        }
    }
}
