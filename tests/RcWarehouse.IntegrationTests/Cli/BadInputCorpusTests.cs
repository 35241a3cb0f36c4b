using System.Text;
using RcWarehouse.IntegrationTests.Support;
using Xunit;

namespace RcWarehouse.IntegrationTests.Cli;

/// <summary>
/// Every file of the bad-input corpus (TestData/BadInput, plus huge files generated here) loaded through the real
/// command line into a warehouse that already holds the samples, with the samples' window, so that a file mistaken
/// for an empty report would delete that window's facts. Each must be refused the same way: exit 1, one bounded
/// stderr line naming the file and the place, no echo of the bad value beyond a short prefix, nothing changed in the
/// star schema, and a failed batch recorded with the same bounded message.
/// </summary>
public sealed class BadInputCorpusTests : IDisposable
{
    private const string Source = "13000001";
    private const int MaxErrorLength = 1000;

    private readonly TempDirectory _temp = new();

    private string Database => _temp.File("warehouse.db");

    public void Dispose() => _temp.Dispose();

    /// <summary>File, report, what the error line must contain (place, field, what was found), what it must never contain.</summary>
    public static TheoryData<string, string, string[], string[]> Corpus => new()
    {
        // Not a report at all: each names what was found instead.
        { "empty.csv", "agent-extended", ["empty.csv", "the file is empty, not a report"], [] },
        { "plain-text.csv", "agent-extended", ["plain-text.csv:2", "found plain text, not a report"], ["temporarily"] },
        { "only-blank-lines.csv", "agent-extended", ["only-blank-lines.csv", "found only blank lines"], [] },
        { "login-page.csv", "agent-extended", ["login-page.csv:2", "an HTML page"], ["password"] },
        { "xhtml-sign-in.xml", "queue-stats", ["xhtml-sign-in.xml:2", "an HTML page"], ["password"] },
        { "html-doctype.xml", "queue-stats", ["html-doctype.xml:1", "an HTML page"], ["Gateway"] },
        { "error-body.xml", "queue-stats", ["error-body.xml:2", "root element 'error'", "no queue statistics rows"], ["expired"] },
        { "error-attributes.xml", "queue-stats", ["error-attributes.xml:2", "root element 'response'", "no queue statistics rows"], ["Too many"] },
        { "error-object.json", "agent-extended", ["error-object.json:1 at $", "a JSON object (an error answer?), not an array"], ["expired"] },
        { "segment-error-object.json", "segments", ["segment-error-object.json:1 at $", "a JSON object (an error answer?), not an array"], ["Unauthorized"] },
        { "json-string.json", "agent-extended", ["json-string.json:1", "found plain text, not a report"], ["Unauthorized"] },
        { "array-of-numbers.json", "agent-extended", ["array-of-numbers.json:1 at $[0]", "must be an object"], [] },
        { "array-of-arrays.json", "agent-extended", ["array-of-arrays.json:1 at $[0]", "must be an object"], [] },
        { "objects-of-another-report.json", "agent-extended", ["objects-of-another-report.json:2 at $[0]", "required but the field is empty or missing"], [] },
        { "segment-neither-generation.json", "segments", ["segment-neither-generation.json:2 at $[0]", "neither legacy fields"], [] },
        { "segments-as-csv.csv", "segments", ["segments-as-csv.csv", "only as JSON"], [] },

        // Broken encodings and syntax: the file, the line, the reason.
        { "invalid-utf8.csv", "agent-extended", ["invalid-utf8.csv:3", "byte 0xFF", "not valid UTF-8"], [] },
        { "invalid-utf8.xml", "queue-stats", ["invalid-utf8.xml:8", "not valid UTF-8"], [] },
        { "invalid-utf8.json", "agent-extended", ["invalid-utf8.json:2", "byte 0xFF", "not valid UTF-8"], [] },
        { "invalid-utf8-outside-strings.json", "agent-extended", ["invalid-utf8-outside-strings.json:2 at $[0]", "malformed JSON", "'0xFF'"], [] },
        { "undeclared-entity.xml", "queue-stats", ["undeclared-entity.xml:8", "malformed XML", "undeclared entity"], [] },
        { "billion-laughs.xml", "queue-stats", ["billion-laughs.xml:2", "DTD"], ["lol2"] },
        { "truncated.xml", "queue-stats", ["truncated.xml:", "malformed XML"], [] },
        { "unterminated-quote.csv", "agent-extended", ["unterminated-quote.csv:3", "malformed CSV"], [] },

        // Values out of range or carrying control characters: the field named, the value at most a short prefix.
        { "nul-in-count.csv", "agent-extended", ["nul-in-count.csv:2", "field 'answ_call_cnt'", "control character", "'9\\u0000\\u0000'"], [] },
        { "nul-in-count.xml", "queue-stats", ["nul-in-count.xml:13", "malformed XML", "0x01, is an invalid character"], [] },
        { "count-with-nul.json", "agent-extended", ["count-with-nul.json:2 at $[0].answIxnCnt", "field 'answIxnCnt'", "control character"], [] },
        { "control-in-duration.csv", "agent-extended", ["control-in-duration.csv:2", "field 'wrap_up_dur'", "control character"], [] },
        { "duration-out-of-range.csv", "agent-extended", ["duration-out-of-range.csv:2", "field 'talking_call_dur'", "largest duration"], [] },
        { "duration-out-of-range.xml", "queue-stats", ["duration-out-of-range.xml:21", "field 'wait_dur'", "largest duration"], [] },
        { "duration-out-of-range.json", "agent-extended", ["duration-out-of-range.json:2 at $[0].talkingIxnDur", "largest duration"], [] },
        { "segment-duration-out-of-range.json", "segments", ["segment-duration-out-of-range.json:2 at $[0].segmentDurationMs", "beyond the largest number of milliseconds"], [] },
        { "count-out-of-range.csv", "agent-extended", ["count-out-of-range.csv:2", "field 'answ_call_cnt'", "too large"], [] },
        { "count-not-a-number.csv", "agent-extended", ["count-not-a-number.csv:2", "field 'answ_call_cnt'", "'abcdefghijklmnopqrstuvwx...' (48 characters)"], ["SECRET"] },
        { "date-garbage.csv", "agent-extended", ["date-garbage.csv:2", "field 'date_from'"], ["SECRET"] },
        { "agent-id-too-long.csv", "agent-extended", ["agent-id-too-long.csv:2", "field 'agent_id'", "91 characters", "at most 64"], ["SECRET", "1111111111"] },

        // Personal data: the error gives the length, never the value.
        { "agent-name-too-long.csv", "agent-extended", ["agent-name-too-long.csv:2", "field 'agent_name'", "at most 256"], ["PERSONAL", "xxxx"] },
        { "calling-address-too-long.json", "segments", ["calling-address-too-long.json:2 at $[0].contactEndpointAddress", "at most 128"], ["PERSONAL", "5555"] },
        { "kept-field-too-long.json", "segments", ["kept-field-too-long.json:2 at $[0].customerComment", "field 'customerComment'", "4,009 characters", "at most 4,000"], ["PERSONAL", "zzzz"] },

        // Agent statistics: the same refusals, and its own rules (a kept measure must fit, a repeated agent and interval is refused).
        { "plain-text.csv", "agent-stats", ["plain-text.csv:2", "found plain text, not a report"], ["temporarily"] },
        { "error-body.xml", "agent-stats", ["error-body.xml:2", "root element 'error'", "no agent statistics rows"], ["expired"] },
        { "error-object.json", "agent-stats", ["error-object.json:1 at $", "a JSON object (an error answer?), not an array"], ["expired"] },
        { "agent-stats-negative-duration.csv", "agent-stats", ["agent-stats-negative-duration.csv:2", "field 'logged_in_dur'", "negative"], [] },
        { "agent-stats-measure-out-of-range.json", "agent-stats", ["agent-stats-measure-out-of-range.json:2 at $[0].auxDur", "field 'auxDur'", "beyond the largest measure"], [] },
        { "agent-stats-duplicate.csv", "agent-stats", ["same key more than once", "agent_id=1001"], ["Avery"] },

        // A repeated segment: both copies located.
        { "duplicate-segment.json", "segments", ["duplicate-segment.json:4 at $[2].segmentId", "segment '2' of interaction 'INTERACTION-1'", "$[0] (line 2) and $[2] (line 4)"], ["4155550002"] },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_bad_file_is_refused_with_one_bounded_line_and_changes_nothing(string file, string report, string[] expected, string[] forbidden)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "BadInput", file);
        await RefusedAsync(path, report, expected, forbidden);
    }

    [Fact]
    public async Task A_50_MB_csv_value_is_refused_within_bounds()
    {
        var path = _temp.File("huge-value.csv");
        await WriteAsync(path,
            "interval,date_from,time (H24:MI),agent_id,agent_name,queue,queue_name,talking_call_dur,wrap_up_dur,answ_call_cnt,transfer_out_call_cnt\n15,2026-11-02,08:00,1001,",
            'x', 50_000_000, ",2001,Billing,1,1,1,0\n");

        await RefusedAsync(path, "agent-extended", ["huge-value.csv:2", "longer than 1,048,576 characters"], ["xxxx"]);
    }

    [Fact]
    public async Task A_50_MB_xml_value_is_refused_within_bounds()
    {
        var path = _temp.File("huge-value.xml");
        await WriteAsync(path, "<?xml version=\"1.0\"?>\n<aggQueueStats>\n<row>\n<queue_name>", 'x', 50_000_000, "</queue_name>\n</row>\n</aggQueueStats>\n");

        await RefusedAsync(path, "queue-stats", ["huge-value.xml:4", "field 'queue_name'", "longer than 65,536 characters"], ["xxxx"]);
    }

    [Fact]
    public async Task A_50_MB_json_value_is_refused_within_bounds()
    {
        var path = _temp.File("huge-value.json");
        await WriteAsync(path, "[\n{\"interactionId\": \"1\", \"segmentId\": \"1\", \"agentNotes\": \"", 'x', 50_000_000, "\"}\n]\n");

        await RefusedAsync(path, "segments", ["huge-value.json:2 at $[0]", "larger than 16 MB"], ["xxxx"]);
    }

    [Fact]
    public async Task Two_hundred_thousand_unclosed_xml_elements_are_refused_within_bounds()
    {
        var path = _temp.File("unclosed.xml");
        var xml = new StringBuilder("<?xml version=\"1.0\"?>\n");
        for (var i = 0; i < 200_000; i++)
        {
            xml.Append("<a>");
        }

        await File.WriteAllTextAsync(path, xml.ToString(), TestContext.Current.CancellationToken);

        await RefusedAsync(path, "queue-stats", ["unclosed.xml:2", "nested more than 32 deep"], ["<a><a>"]);
    }

    [Fact]
    public async Task A_landed_file_changed_after_landing_writes_nothing_of_its_manifest()
    {
        // Given the samples loaded, and a copy of one whose data and manifest source name were both edited after landing
        await LoadSamplesAsync();
        var db = new SqliteQueries(Database);
        var before = await db.DumpStarSchemaAsync();
        const string name = "queue-stats_2026-11-02_0800_America-New_York.xml";
        var landed = _temp.File(name);
        var text = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Samples, name), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(landed, text.Replace("<answ_call_cnt>", "<answ_call_cnt>1", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var manifest = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Samples, name + ".manifest.json"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(landed + ".manifest.json", manifest.Replace("Sample Contact Center", "Tampered Name", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        // When it is loaded with its manifest
        var run = await CliRun.InvokeAsync("load-files", landed, "--connection", $"Data Source={Database}");

        // Then it is refused, recorded as failed, and neither facts nor dim_source changed
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SHA-256", Assert.Single(Lines(run.Error)), StringComparison.Ordinal);
        Assert.Equal(before, await db.DumpStarSchemaAsync());
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM dim_source WHERE source_name = 'Tampered Name'"));
        Assert.Equal("failed", await db.ScalarAsync<string>("SELECT status FROM load_batch ORDER BY load_batch_id DESC LIMIT 1"));
    }

    private async Task RefusedAsync(string path, string report, string[] expected, string[] forbidden)
    {
        // Given a warehouse holding the samples' facts for 13:00-15:00 UTC
        await LoadSamplesAsync();
        var db = new SqliteQueries(Database);
        var before = await db.DumpStarSchemaAsync();
        var batches = await db.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch");

        // When the bad file is loaded for that same source and window
        var run = await CliRun.InvokeAsync(
            "load-files", path, "--report", report, "--source", Source, "--time-zone", "America/New_York",
            "--from", "2026-11-02T13:00", "--to", "2026-11-02T15:00", "--connection", $"Data Source={Database}");

        // Then: exit 1 and one bounded line naming the file and the place, without the value beyond a short prefix
        Assert.True(run.ExitCode == 1, Shorten(run.ToString()));
        var line = Assert.Single(Lines(run.Error));
        Assert.True(line.Length <= "error: ".Length + MaxErrorLength, $"{line.Length} characters: {Shorten(line)}");
        Assert.Contains(path, line, StringComparison.Ordinal);
        foreach (var text in expected)
        {
            Assert.Contains(text, line, StringComparison.Ordinal);
        }

        foreach (var text in forbidden)
        {
            Assert.DoesNotContain(text, line, StringComparison.Ordinal);
        }

        // And nothing changed, and the failure is recorded with the same bounded message
        Assert.Equal(before, await db.DumpStarSchemaAsync());
        Assert.Equal(batches + 1, await db.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch"));
        var failed = Assert.Single(await db.RowsAsync("SELECT status, error FROM load_batch ORDER BY load_batch_id DESC LIMIT 1"));
        Assert.Equal("failed", failed[0]);
        var stored = (string)failed[1]!;
        Assert.True(stored.Length <= MaxErrorLength, $"{stored.Length} characters stored");
        Assert.Equal(line, "error: " + stored);
    }

    private async Task LoadSamplesAsync()
    {
        await CliRun.MigrateAsync($"Data Source={Database}");
        var setup = await CliRun.InvokeAsync("load-files", RepoPaths.Samples, "--connection", $"Data Source={Database}");
        Assert.True(setup.ExitCode == 0, setup.ToString());
    }

    private static async Task WriteAsync(string path, string head, char fill, int count, string tail)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        await writer.WriteAsync(head);
        var block = new string(fill, 1024 * 1024);
        for (var left = count; left > 0; left -= block.Length)
        {
            await writer.WriteAsync(block.AsMemory(0, Math.Min(left, block.Length)), TestContext.Current.CancellationToken);
        }

        await writer.WriteAsync(tail);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Shorten(string text) => text.Length <= 2000 ? text : text[..2000] + "...";
}
