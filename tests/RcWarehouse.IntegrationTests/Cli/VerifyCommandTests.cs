using System.Globalization;
using System.Text.Json;
using RcWarehouse.IntegrationTests.Support;
using Xunit;

namespace RcWarehouse.IntegrationTests.Cli;

public sealed class VerifyCommandTests(DemoWarehouseFixture demo, SimulatorFixture simulator)
    : IClassFixture<DemoWarehouseFixture>, IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_demo_warehouse_reconciles_exactly()
    {
        // Given the demo's day, one sub-account through current-generation JSON and one through legacy CSV
        var database = await demo.CopyToAsync(_temp.File("w.db"));

        // When verify runs with its defaults (no tolerance at all)
        var run = await CliRun.InvokeAsync("verify", "--connection", $"Data Source={database}");
        var json = await JsonAsync(database);

        // Then it passes, having compared every check on both sources
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("no differences", run.Out, StringComparison.Ordinal);
        Assert.True(json.GetProperty("passed").GetBoolean());
        Assert.Empty(json.GetProperty("findings").EnumerateArray());
        var checks = json.GetProperty("checks").EnumerateArray().ToList();
        foreach (var source in new[] { "demo-cx", "demo-legacy" })
        {
            foreach (var check in new[] { "agent-vs-queue", "answered-vs-segments", "agent-stats-vs-extended", "missing-intervals", "provisional-intervals", "inferred-members" })
            {
                Assert.Contains(checks, c => c.GetProperty("sourceName").GetString() == source && c.GetProperty("check").GetString() == check);
            }

            // The whole day is compared, but for the last SegmentReach (1 hour) whose calls' segments may start the next day.
            Assert.Equal(96, Compared(checks, source, "agent-vs-queue"));
            Assert.Equal(92, Compared(checks, source, "answered-vs-segments"));
            Assert.Equal(96, Compared(checks, source, "agent-stats-vs-extended"));
        }
    }

    [Fact]
    public async Task Altered_and_removed_agent_statistics_fail_naming_the_check_agent_and_interval()
    {
        // Given the demo warehouse where one agent's busiest interval of agent statistics has 60 seconds more talk, and
        // another agent-interval of agent statistics (one with answered calls) is deleted
        var database = await demo.CopyToAsync(_temp.File("w.db"));
        var db = new SqliteQueries(database);
        const string pick = """
            SELECT f.source_key, f.interval_key, f.agent_key, a.agent_id, s.sub_account_id
            FROM fact_agent_interval AS f
            INNER JOIN dim_agent AS a ON a.agent_key = f.agent_key
            INNER JOIN dim_source AS s ON s.source_key = f.source_key
            WHERE f.answ_call_cnt > 0 AND {0}
            ORDER BY f.talking_call_dur_sec DESC, f.interval_key, a.agent_id
            LIMIT 1
            """;
        var altered = (await db.RowsAsync(string.Format(CultureInfo.InvariantCulture, pick, "1 = 1")))[0];
        var removed = (await db.RowsAsync(string.Format(CultureInfo.InvariantCulture, pick, $"f.source_key <> {altered[0]}")))[0];
        await db.ScalarAsync<long>($"UPDATE fact_agent_interval SET talking_call_dur_sec = talking_call_dur_sec + 60 WHERE source_key = {altered[0]} AND interval_key = {altered[1]} AND agent_key = {altered[2]}; SELECT changes();");
        await db.ScalarAsync<long>($"DELETE FROM fact_agent_interval WHERE source_key = {removed[0]} AND interval_key = {removed[1]} AND agent_key = {removed[2]}; SELECT changes();");

        // When verify runs
        var run = await CliRun.InvokeAsync("verify", "--connection", $"Data Source={database}");
        var json = await JsonAsync(database);

        // Then it fails naming the check on stderr, and the agents and intervals in its table and JSON
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("agent-stats-vs-extended", run.Error, StringComparison.Ordinal);
        Assert.Contains($"agent {(string)altered[3]!}", run.Out, StringComparison.Ordinal);
        Assert.Contains(Utc(Convert.ToInt64(altered[1], CultureInfo.InvariantCulture)), run.Out, StringComparison.Ordinal);

        var findings = json.GetProperty("findings").EnumerateArray().ToList();
        Assert.All(findings, f => Assert.Equal("agent-stats-vs-extended", f.GetProperty("check").GetString()));
        var talk = Assert.Single(findings, f => f.GetProperty("sourceId").GetString() == (string)altered[4]!
            && f.GetProperty("subject").GetString()!.StartsWith($"agent {(string)altered[3]!}", StringComparison.Ordinal)
            && f.GetProperty("fromUtc").GetDateTime() == IntervalUtc(Convert.ToInt64(altered[1], CultureInfo.InvariantCulture)));
        Assert.StartsWith("talk seconds", talk.GetProperty("measure").GetString(), StringComparison.Ordinal);
        Assert.Equal(60m, talk.GetProperty("left").GetDecimal() - talk.GetProperty("right").GetDecimal());

        // (the deleted row's agent has no agent statistics there: talk, wrap-up and answered calls all count as zero)
        var gone = findings.Where(f => f.GetProperty("sourceId").GetString() == (string)removed[4]!
            && f.GetProperty("subject").GetString()!.StartsWith($"agent {(string)removed[3]!}", StringComparison.Ordinal)
            && f.GetProperty("fromUtc").GetDateTime() == IntervalUtc(Convert.ToInt64(removed[1], CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(findings.Count, gone.Count + 1);
        Assert.Contains(gone, f => f.GetProperty("measure").GetString()!.StartsWith("answered calls", StringComparison.Ordinal) && f.GetProperty("left").GetDecimal() == 0m);
        Assert.All(gone, f => Assert.Equal(0m, f.GetProperty("left").GetDecimal()));
        Assert.All(findings, f => Assert.True(f.GetProperty("beyondTolerance").GetBoolean()));
    }

    [Fact]
    public async Task An_agent_statistics_measure_the_report_did_not_carry_is_not_compared()
    {
        // Given the demo warehouse where agent statistics carried no wrap-up at all (NULL, as for an answer without the field)
        var database = await demo.CopyToAsync(_temp.File("w.db"));
        var db = new SqliteQueries(database);
        Assert.True(await db.ScalarAsync<long>("UPDATE fact_agent_interval SET wrap_up_dur_sec = NULL; SELECT changes();") > 0);

        // When verify runs
        var run = await CliRun.InvokeAsync("verify", "--connection", $"Data Source={database}", "--json");

        // Then it still passes, every interval compared on what both reports carry
        Assert.True(run.ExitCode == 0, run.ToString());
        var checks = JsonDocument.Parse(run.Out).RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(96, Compared(checks, "demo-cx", "agent-stats-vs-extended"));
    }

    [Fact]
    public async Task Removing_a_queue_interval_and_some_segments_fails_naming_the_check_queue_and_interval()
    {
        // Given the demo warehouse with one queue interval's queue statistics deleted, and the segments of another interval
        var database = await demo.CopyToAsync(_temp.File("w.db"));
        var db = new SqliteQueries(database);
        var queueRow = (await db.RowsAsync("""
            SELECT f.source_key, f.interval_key, f.queue_key, q.queue_id
            FROM fact_queue_interval AS f INNER JOIN dim_queue AS q ON q.queue_key = f.queue_key
            WHERE f.answ_call_cnt > 0
            ORDER BY f.answ_call_cnt DESC, f.interval_key, q.queue_id
            LIMIT 1
            """))[0];
        var queueInterval = Convert.ToInt64(queueRow[1], CultureInfo.InvariantCulture);
        var queueId = (string)queueRow[3]!;
        await db.ScalarAsync<long>($"DELETE FROM fact_queue_interval WHERE source_key = {queueRow[0]} AND interval_key = {queueInterval} AND queue_key = {queueRow[2]}; SELECT changes();");

        // (segments of a morning interval of the other source, chosen among calls that start and end their legs within it)
        var segmentRow = (await db.RowsAsync($"""
            SELECT source_key, interval_key, COUNT(*)
            FROM fact_segment
            WHERE source_key <> {queueRow[0]} AND interval_key BETWEEN {Key(demo.Day.AddHours(12))} AND {Key(demo.Day.AddHours(20))}
            GROUP BY source_key, interval_key
            ORDER BY COUNT(*) DESC, interval_key
            LIMIT 1
            """))[0];
        var segmentInterval = Convert.ToInt64(segmentRow[1], CultureInfo.InvariantCulture);
        await db.ScalarAsync<long>($"""
            DELETE FROM fact_segment_event WHERE source_key = {segmentRow[0]} AND interaction_id IN (SELECT interaction_id FROM fact_segment WHERE source_key = {segmentRow[0]} AND interval_key = {segmentInterval});
            DELETE FROM fact_segment_attribute WHERE source_key = {segmentRow[0]} AND interaction_id IN (SELECT interaction_id FROM fact_segment WHERE source_key = {segmentRow[0]} AND interval_key = {segmentInterval});
            DELETE FROM fact_segment WHERE source_key = {segmentRow[0]} AND interval_key = {segmentInterval};
            SELECT changes();
            """);

        // When verify runs
        var run = await CliRun.InvokeAsync("verify", "--connection", $"Data Source={database}");
        var json = await JsonAsync(database);

        // Then it fails, naming both checks on stderr, and the queue and interval in its table and JSON
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(@"^verify: \d+ check\(s\) beyond tolerance: ", run.Error);
        Assert.Contains("agent-vs-queue", run.Error, StringComparison.Ordinal);
        Assert.Contains("answered-vs-segments", run.Error, StringComparison.Ordinal);
        Assert.Contains($"queue {queueId}", run.Out, StringComparison.Ordinal);
        Assert.Contains(Utc(queueInterval), run.Out, StringComparison.Ordinal);

        var findings = json.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("check").GetString() == "agent-vs-queue"
            && f.GetProperty("subject").GetString()!.StartsWith($"queue {queueId}", StringComparison.Ordinal)
            && f.GetProperty("fromUtc").GetDateTime() == IntervalUtc(queueInterval)
            && f.GetProperty("measure").GetString()!.StartsWith("answered calls", StringComparison.Ordinal)
            && f.GetProperty("right").GetDecimal() == 0m);

        // The deleted segments' calls mostly started in their own interval; some legs of it may belong to calls of the one before.
        Assert.Contains(findings, f => f.GetProperty("check").GetString() == "answered-vs-segments"
            && (f.GetProperty("fromUtc").GetDateTime() == IntervalUtc(segmentInterval) || f.GetProperty("fromUtc").GetDateTime() == IntervalUtc(segmentInterval).AddMinutes(-15))
            && f.GetProperty("left").GetDecimal() > f.GetProperty("right").GetDecimal());
        Assert.All(findings, f => Assert.True(f.GetProperty("beyondTolerance").GetBoolean()));
    }

    [Fact]
    public async Task A_tolerance_wide_enough_passes_the_same_differences()
    {
        // Given a deleted queue interval whose answered calls are at most 1000
        var database = await demo.CopyToAsync(_temp.File("w.db"));
        var db = new SqliteQueries(database);
        await db.ScalarAsync<long>("DELETE FROM fact_queue_interval WHERE rowid = (SELECT MIN(rowid) FROM fact_queue_interval WHERE answ_call_cnt > 0); SELECT changes();");
        var settings = _temp.File("tolerant.json");
        await File.WriteAllTextAsync(settings, """{ "Verify": { "AnsweredCalls": 1000, "TalkTimeSec": 1000000, "SegmentCalls": 1000 } }""", TestContext.Current.CancellationToken);

        // When verify runs with wide tolerances
        var run = await CliRun.InvokeAsync("verify", "--settings", settings, "--connection", $"Data Source={database}");

        // Then the differences are listed, within tolerance, and it passes
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("agent-vs-queue", run.Out, StringComparison.Ordinal);
        Assert.Contains("difference(s)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_window_no_successful_batch_covers_is_a_missing_interval_of_its_report()
    {
        // Given the demo warehouse where one queue-stats window (3 hours) of the current-generation source had failed
        var database = await demo.CopyToAsync(_temp.File("w.db"));
        var db = new SqliteQueries(database);
        var windowStart = demo.Day.AddHours(9).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        Assert.Equal(1L, await db.ScalarAsync<long>($"""
            UPDATE load_batch SET status = 'failed', error = 'test'
            WHERE report = 'queue-stats' AND window_start_utc = '{windowStart}'
              AND source_key = (SELECT source_key FROM dim_source WHERE sub_account_id = '{simulator.Simulator.Credentials.SubAccountIds[0]}');
            SELECT changes();
            """));

        // When verify runs for that source only
        var run = await CliRun.InvokeAsync("verify", "--source", "demo-cx", "--connection", $"Data Source={database}", "--json");

        // Then the 12 intervals are missing for queue-stats, and nothing else of the source is compared there
        Assert.True(run.ExitCode == 1, run.ToString());
        var json = JsonDocument.Parse(run.Out).RootElement;
        var missing = Assert.Single(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("check").GetString() == "missing-intervals");
        Assert.Equal("queue-stats", missing.GetProperty("report").GetString());
        Assert.Equal(demo.Day.AddHours(9), missing.GetProperty("fromUtc").GetDateTime());
        Assert.Equal(demo.Day.AddHours(12), missing.GetProperty("toUtc").GetDateTime());
        Assert.Equal(12m, missing.GetProperty("left").GetDecimal());
        Assert.All(json.GetProperty("checks").EnumerateArray(), c => Assert.Equal("11223301", c.GetProperty("sourceId").GetString()));
        Assert.Equal(84, Compared(json.GetProperty("checks").EnumerateArray().ToList(), "demo-cx", "agent-vs-queue"));
    }

    [Fact]
    public async Task Intervals_loaded_before_they_settled_and_beyond_the_nightly_re_pull_are_provisional()
    {
        // Given the demo's day, loaded minutes to hours after it ended, and a verify that takes numbers as settled only
        // a week after their interval and a nightly re-pull that reaches back no days at all
        var database = await demo.CopyToAsync(_temp.File("w.db"));
        var settings = _temp.File("strict.json");
        await File.WriteAllTextAsync(settings, """{ "Verify": { "SettledAfter": "7.00:00:00" }, "Operations": { "NightlyLookBackDays": 0 } }""", TestContext.Current.CancellationToken);

        // When verify runs over the morning
        var from = demo.Day.AddHours(6).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        var to = demo.Day.AddHours(9).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        var run = await CliRun.InvokeAsync("verify", "--settings", settings, "--connection", $"Data Source={database}", "--from", from, "--to", to, "--json");

        // Then every report (four) of every source (two) has those 12 intervals provisional, never to be re-pulled
        Assert.True(run.ExitCode == 1, run.ToString());
        var provisional = JsonDocument.Parse(run.Out).RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("check").GetString() == "provisional-intervals").ToList();
        Assert.Equal(2 * 4, provisional.Count); // 2 sources x 4 reports
        Assert.All(provisional, f => Assert.Equal(12m, f.GetProperty("left").GetDecimal()));
        Assert.Contains("provisional-intervals", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facts_still_pointing_at_an_inferred_agent_are_reported_with_the_agent()
    {
        // Given an agent of the demo that the reference data never completed
        var database = await demo.CopyToAsync(_temp.File("w.db"));
        var db = new SqliteQueries(database);
        var agentId = await db.ScalarAsync<string>("SELECT a.agent_id FROM fact_agent_queue_interval AS f INNER JOIN dim_agent AS a ON a.agent_key = f.agent_key ORDER BY a.agent_id LIMIT 1");
        await db.ScalarAsync<long>($"UPDATE dim_agent SET is_inferred = 1 WHERE agent_id = '{agentId}'; SELECT changes();");
        var settings = _temp.File("inferred.json");
        await File.WriteAllTextAsync(settings, """{ "Verify": { "InferredAfter": "00:00:00" } }""", TestContext.Current.CancellationToken);

        // When verify runs
        var run = await CliRun.InvokeAsync("verify", "--settings", settings, "--connection", $"Data Source={database}");

        // Then it fails naming the agent, for its extended statistics and its segments
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("inferred-members", run.Error, StringComparison.Ordinal);
        Assert.Contains($"agent {agentId}", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_statistics_fact_pointing_at_an_inferred_agent_is_reported_for_agent_stats()
    {
        // Given the demo warehouse where one agent-interval of agent statistics points at an agent the reference data
        // never completed, an agent no other report has
        var database = await demo.CopyToAsync(_temp.File("w.db"));
        var db = new SqliteQueries(database);
        var changed = await db.ScalarAsync<long>("""
            INSERT INTO dim_agent (source_key, agent_id, is_inferred, valid_from_utc, valid_to_utc, is_current)
            SELECT s.source_key, 'inferred-stats-agent', 1, '1900-01-01 00:00:00', '9999-12-31 00:00:00', 1
            FROM dim_source AS s WHERE s.source_key = (SELECT MIN(source_key) FROM fact_agent_interval);
            UPDATE fact_agent_interval SET agent_key = last_insert_rowid()
            WHERE rowid = (SELECT MIN(rowid) FROM fact_agent_interval WHERE source_key = (SELECT MIN(source_key) FROM fact_agent_interval));
            SELECT changes();
            """);
        Assert.Equal(1, changed);
        var settings = _temp.File("inferred.json");
        await File.WriteAllTextAsync(settings, """{ "Verify": { "InferredAfter": "00:00:00" } }""", TestContext.Current.CancellationToken);

        // When verify runs
        var run = await CliRun.InvokeAsync("verify", "--settings", settings, "--connection", $"Data Source={database}", "--json");

        // Then inferred-members reports that one fact, for agent statistics and the agent
        Assert.True(run.ExitCode == 1, run.ToString());
        var finding = Assert.Single(
            JsonDocument.Parse(run.Out).RootElement.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("check").GetString() == "inferred-members");
        Assert.Equal("agent-stats", finding.GetProperty("report").GetString());
        Assert.Equal("agent inferred-stats-agent", finding.GetProperty("subject").GetString());
        Assert.Equal(1m, finding.GetProperty("left").GetDecimal());
    }

    [Fact]
    public async Task A_legacy_xml_pull_from_the_simulator_reconciles_too()
    {
        // Given three hours of the simulator pulled as legacy XML in US/Eastern, reference data first
        var sim = simulator.Simulator;
        var settings = CliSettingsFile.Write(
            _temp.File("xml.json"), sim, _temp.File("landing"), CliSettingsFile.Source(sim, "legacy-xml", sim.Credentials.SubAccountIds[1], "Legacy", "xml", "US/Eastern"));
        var database = _temp.File("xml.db");
        await CliRun.MigrateAsync($"Data Source={database}");
        Assert.Equal(0, (await CliRun.InvokeAsync("sync-reference", "--settings", settings, "--connection", $"Data Source={database}")).ExitCode);
        var from = demo.Day.AddHours(13).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        var to = demo.Day.AddHours(17).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        var sync = await CliRun.InvokeAsync("sync", "--from", from, "--to", to, "--settings", settings, "--connection", $"Data Source={database}");
        Assert.True(sync.ExitCode == 0, sync.ToString());

        // When verify runs over the span
        var run = await CliRun.InvokeAsync("verify", "--connection", $"Data Source={database}", "--from", from, "--to", to, "--json");

        // Then it passes with the queue and agent intervals compared, and the segments compared where loaded an hour beyond
        Assert.True(run.ExitCode == 0, run.ToString());
        var checks = JsonDocument.Parse(run.Out).RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(16, Compared(checks, "legacy-xml", "agent-vs-queue"));
        Assert.Equal(12, Compared(checks, "legacy-xml", "answered-vs-segments"));
        Assert.Equal(16, Compared(checks, "legacy-xml", "agent-stats-vs-extended"));
    }

    [Theory]
    [InlineData("--source", "nowhere")]
    [InlineData("--from", "2026-11-03", "--to", "2026-11-02")]
    [InlineData("--from", "yesterday")]
    public async Task A_usage_error_exits_2(params string[] options)
    {
        var database = await demo.CopyToAsync(_temp.File("w.db"));

        var run = await CliRun.InvokeAsync(["verify", "--connection", $"Data Source={database}", .. options]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verify_that_cannot_read_the_warehouse_exits_1_with_an_error_line_and_no_json()
    {
        // Given a current warehouse that lost a table the checks read
        var database = await demo.CopyToAsync(_temp.File("w.db"));
        await new SqliteQueries(database).ScalarAsync<long>("DROP TABLE fact_queue_interval; SELECT changes();");

        // When verify --json runs
        var run = await CliRun.InvokeAsync("verify", "--connection", $"Data Source={database}", "--json");

        // Then it exits 1 like a failed check, but with the command boundary's "error:" line and nothing on stdout, so
        // an alert can tell "could not run" from "checks beyond tolerance"
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("beyond tolerance", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out.Trim());
    }

    private static async Task<JsonElement> JsonAsync(string database)
    {
        var run = await CliRun.InvokeAsync("verify", "--connection", $"Data Source={database}", "--json");
        Assert.True(run.ExitCode is 0 or 1, run.ToString());
        return JsonDocument.Parse(run.Out).RootElement;
    }

    private static long Compared(IReadOnlyList<JsonElement> checks, string source, string check) =>
        checks.Single(c => c.GetProperty("sourceName").GetString() == source && c.GetProperty("check").GetString() == check).GetProperty("compared").GetInt64();

    private static string Key(DateTime utc) => utc.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    private static DateTime IntervalUtc(long key) => DateTime.SpecifyKind(DateTime.ParseExact(key.ToString(CultureInfo.InvariantCulture), "yyyyMMddHHmm", CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static string Utc(long key) => IntervalUtc(key).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
