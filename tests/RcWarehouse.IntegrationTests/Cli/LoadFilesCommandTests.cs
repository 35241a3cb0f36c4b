using RcWarehouse.IntegrationTests.Support;
using Xunit;

namespace RcWarehouse.IntegrationTests.Cli;

public sealed class LoadFilesCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    private string Database => _temp.File("warehouse.db");

    private string Connection => $"Data Source={Database}";

    // Every test starts from a migrated, empty warehouse: only migrate (and demo) create one.
    public async ValueTask InitializeAsync() => await CliRun.MigrateAsync(Connection);

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Samples_folder_loads_every_report_with_exact_values()
    {
        // Given the bundled samples (legacy CSV, legacy XML, current JSON segments and agent statistics, each with its manifest)
        // When they are loaded through the command line
        var run = await CliRun.InvokeAsync("load-files", RepoPaths.Samples, "--connection", Connection);

        // Then every file is one successful batch and the facts hold the files' numbers, converted to UTC
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("4 file(s) loaded", run.Out, StringComparison.Ordinal);
        var db = new SqliteQueries(Database);
        Assert.Equal(4L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'succeeded'"));
        Assert.Equal(32L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_agent_interval"));
        Assert.Equal(64L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_agent_interval_measure"));
        Assert.Equal(48L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_agent_queue_interval"));
        Assert.Equal(16L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_queue_interval"));
        Assert.Equal(15L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_segment"));

        // 08:00 America/New_York on 2026-11-02 (EST) is 13:00 UTC: "15,2026-11-02,08:00,1002,Blake O'Neil,2001,Billing,447,111,2,0"
        var row = Assert.Single(await db.RowsAsync(
            """
            SELECT f.interval_minutes, f.talking_call_dur_sec, f.wrap_up_dur_sec, f.answ_call_cnt, f.transfer_out_call_cnt, a.agent_name, q.queue_name
            FROM fact_agent_queue_interval f
            JOIN dim_agent a ON a.agent_key = f.agent_key
            JOIN dim_queue q ON q.queue_key = f.queue_key
            WHERE f.interval_key = 202611021300 AND a.agent_id = '1002' AND q.queue_id = '2001'
            """));
        Assert.Equal([15L, 447L, 111L, 2L, 0L, "Blake O'Neil", "Billing"], row);

        // The agent statistics sample: {"dateTimeFrom": "11-02-2026T08:00:00", "agentId": "1001", "loggedInDur": 900, "availableDur": 452,
        // "ringingDur": 14, "talkingIxnDur": 399, "wrapUpDur": 35, "awayDur": 0, "holdDur": 0, "presentedIxnCnt": 2, "answIxnCnt": 2, ...}
        var state = Assert.Single(await db.RowsAsync(
            """
            SELECT f.logged_in_dur_sec, f.available_dur_sec, f.talking_call_dur_sec, f.wrap_up_dur_sec, f.away_dur_sec, f.presented_call_cnt, f.answ_call_cnt,
                   (SELECT group_concat(m.measure_name || '=' || m.measure_value, ';') FROM fact_agent_interval_measure m
                    WHERE m.source_key = f.source_key AND m.interval_key = f.interval_key AND m.agent_key = f.agent_key)
            FROM fact_agent_interval f
            JOIN dim_agent a ON a.agent_key = f.agent_key
            WHERE f.interval_key = 202611021300 AND a.agent_id = '1001'
            """));
        Assert.Equal([900L, 452L, 399L, 35L, 0L, 2L, 2L, "hold_dur=0;ringing_dur=14"], state);

        // A quoted CSV name with a comma survives intact
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM dim_agent WHERE agent_name = 'Dev Patel, Jr.'"));
    }

    [Fact]
    public async Task Loading_the_same_files_twice_leaves_the_star_schema_exactly_as_once()
    {
        var first = await CliRun.InvokeAsync("load-files", RepoPaths.Samples, "--connection", Connection);
        Assert.True(first.ExitCode == 0, first.ToString());
        var db = new SqliteQueries(Database);
        var once = await db.DumpStarSchemaAsync();

        var second = await CliRun.InvokeAsync("load-files", RepoPaths.Samples, "--connection", Connection);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(once, await db.DumpStarSchemaAsync());
        Assert.Equal(8L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'succeeded'"));
    }

    [Fact]
    public async Task A_corrected_file_for_the_same_window_replaces_the_old_numbers()
    {
        // Given a queue-stats file loaded for 13:00-13:30 UTC
        var original = _temp.File("q-original.csv");
        await File.WriteAllTextAsync(original, QueueCsv(("08:00", 10), ("08:15", 7)), TestContext.Current.CancellationToken);
        var load = await CliRun.InvokeAsync(
            "load-files", original, "--report", "queue-stats", "--source", "500", "--time-zone", "America/New_York",
            "--from", "2026-11-02T13:00", "--to", "2026-11-02T13:30", "--connection", Connection);
        Assert.True(load.ExitCode == 0, load.ToString());

        // When a corrected file for the same window no longer has the 08:15 row and changes 08:00
        var corrected = _temp.File("q-corrected.csv");
        await File.WriteAllTextAsync(corrected, QueueCsv(("08:00", 12)), TestContext.Current.CancellationToken);
        var reload = await CliRun.InvokeAsync(
            "load-files", corrected, "--report", "queue-stats", "--source", "500", "--time-zone", "America/New_York",
            "--from", "2026-11-02T13:00", "--to", "2026-11-02T13:30", "--connection", Connection);

        // Then the window holds exactly the corrected rows
        Assert.True(reload.ExitCode == 0, reload.ToString());
        var rows = await new SqliteQueries(Database).RowsAsync("SELECT interval_key, answ_call_cnt FROM fact_queue_interval ORDER BY interval_key");
        Assert.Equal([[202611021300L, 12L]], rows);
    }

    [Fact]
    public async Task A_bad_file_loads_nothing_records_a_failed_batch_and_exits_non_zero()
    {
        // Given a warehouse with the samples loaded
        var setup = await CliRun.InvokeAsync("load-files", RepoPaths.Samples, "--connection", Connection);
        Assert.True(setup.ExitCode == 0, setup.ToString());
        var db = new SqliteQueries(Database);
        var before = await db.DumpStarSchemaAsync();

        // When a file whose third data row has a non-numeric count is loaded for the same queues and window
        var bad = _temp.File("bad.csv");
        var lines = QueueCsv(("08:00", 1), ("08:15", 2)).Split('\n');
        lines[2] = lines[2].Replace(",Billing,3,0,1,0,2,", ",Billing,3,0,1,0,two,", StringComparison.Ordinal);
        await File.WriteAllTextAsync(bad, string.Join('\n', lines), TestContext.Current.CancellationToken);
        var run = await CliRun.InvokeAsync(
            "load-files", bad, "--report", "queue-stats", "--source", "13000001", "--time-zone", "America/New_York", "--connection", Connection);

        // Then: exit code 1, one line on stderr naming file, line and field; nothing changed; the batch is recorded as failed
        Assert.Equal(1, run.ExitCode);
        var errorLine = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("bad.csv:3", errorLine, StringComparison.Ordinal);
        Assert.Contains("answ_call_cnt", errorLine, StringComparison.Ordinal);
        Assert.Equal(before, await db.DumpStarSchemaAsync());
        var failed = Assert.Single(await db.RowsAsync("SELECT status, error, landed_file FROM load_batch WHERE status <> 'succeeded'"));
        Assert.Equal("failed", failed[0]);
        Assert.Contains("answ_call_cnt", (string)failed[1]!, StringComparison.Ordinal);
        Assert.EndsWith("bad.csv", (string)failed[2]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_repeats_a_queue_and_interval_is_refused_naming_the_file_the_keys_and_both_rows()
    {
        // Given a queue statistics file whose third data row repeats the first one's queue and interval
        var file = _temp.File("repeat.csv");
        await File.WriteAllTextAsync(file, QueueCsv(("08:00", 1), ("08:15", 2), ("08:00", 3)), TestContext.Current.CancellationToken);

        // When it is loaded
        var run = await CliRun.InvokeAsync(
            "load-files", file, "--report", "queue-stats", "--source", "13000001", "--time-zone", "America/New_York", "--connection", Connection);

        // Then one error line names the file, the repeated keys and the two rows; nothing is loaded; the batch failed with that message
        Assert.Equal(1, run.ExitCode);
        var errorLine = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("repeat.csv: The batch carries the same key more than once: queue_id=2001, interval_key=202611021300 (data rows 1 and 3)", errorLine, StringComparison.Ordinal);
        var db = new SqliteQueries(Database);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_queue_interval"));
        var failed = Assert.Single(await db.RowsAsync("SELECT status, error FROM load_batch"));
        Assert.Equal("failed", failed[0]);
        Assert.Contains("repeat.csv: The batch carries the same key more than once", (string)failed[1]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_landed_file_changed_after_landing_is_refused_and_recorded()
    {
        // Given a copy of a sample with its manifest, edited after landing
        foreach (var name in new[] { "agent-extended_2026-11-02_0800_America-New_York.csv", "agent-extended_2026-11-02_0800_America-New_York.csv.manifest.json" })
        {
            File.Copy(Path.Combine(RepoPaths.Samples, name), _temp.File(name));
        }

        var landed = _temp.File("agent-extended_2026-11-02_0800_America-New_York.csv");
        var text = await File.ReadAllTextAsync(landed, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(landed, text.Replace("447", "448", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync("load-files", landed, "--connection", Connection);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SHA-256", run.Error, StringComparison.Ordinal);
        var db = new SqliteQueries(Database);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_agent_queue_interval"));
        Assert.Equal("failed", await db.ScalarAsync<string>("SELECT status FROM load_batch"));
    }

    [Fact]
    public async Task A_file_without_manifest_or_report_option_is_a_usage_error()
    {
        var file = _temp.File("q.csv");
        await File.WriteAllTextAsync(file, QueueCsv(("08:00", 1)), TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync("load-files", file, "--source", "1", "--time-zone", "UTC", "--connection", Connection);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--report is required", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_time_zone_is_a_usage_error_naming_it()
    {
        var file = _temp.File("q.csv");
        await File.WriteAllTextAsync(file, QueueCsv(("08:00", 1)), TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync(
            "load-files", file, "--report", "queue-stats", "--source", "1", "--time-zone", "Mars/Olympus_Mons", "--connection", Connection);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Mars/Olympus_Mons", run.Error, StringComparison.Ordinal);
    }

    private static string QueueCsv(params (string Time, int Answered)[] rows)
    {
        var lines = new List<string>
        {
            "interval,date_from,time (H24:MI),queue,queue_name,offd_direct_call_cnt,overflow_in_call_cnt,aband_call_cnt,overflow_out_call_cnt,"
            + "answ_call_cnt,queued_and_answ_call_dur,queued_and_aband_call_dur,talking_call_dur,wrap_up_dur,queued_answ_longest_que_dur,"
            + "queued_aband_longest_que_dur,ans_servicelevel_cnt,wait_dur,aband_short_call_cnt,aband_within_sl_cnt",
        };
        lines.AddRange(rows.Select(r => $"15,2026-11-02,{r.Time},2001,Billing,{r.Answered + 1},0,1,0,{r.Answered},100,20,600,120,30,20,{r.Answered},300,0,1"));
        return string.Join("\n", lines) + "\n";
    }
}
