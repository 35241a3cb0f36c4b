using RcWarehouse.Core.Parsing;
using RcWarehouse.Core.Reports;
using Xunit;
using static RcWarehouse.Tests.Reports.TestReports;

namespace RcWarehouse.Tests.Parsing;

/// <summary>What counts as a report and what does not, on the parsers alone (the CLI corpus is in the integration tests).</summary>
public sealed class BadInputParsingTests : IDisposable
{
    private const string QueueHeader =
        "interval,date_from,time,queue,queue_name,offd_direct_call_cnt,overflow_in_call_cnt,aband_call_cnt,overflow_out_call_cnt,answ_call_cnt,"
        + "queued_and_answ_call_dur,queued_and_aband_call_dur,talking_call_dur,wrap_up_dur,queued_answ_longest_que_dur,queued_aband_longest_que_dur,"
        + "ans_servicelevel_cnt,wait_dur,aband_short_call_cnt,aband_within_sl_cnt";

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"rcw-bad-{Guid.NewGuid():N}");

    public void Dispose() => File.Delete(_path);

    [Theory]
    [InlineData("<report/>")]
    [InlineData("<?xml version=\"1.0\"?>\n<aggQueueStats>\n</aggQueueStats>\n")]
    [InlineData("<Response xmlns=\"urn:x\"><Data/></Response>")]
    public async Task An_empty_wrapper_is_an_empty_report(string xml)
    {
        // Given an XML answer with no rows in an empty wrapper's shape
        await File.WriteAllTextAsync(_path, xml, TestContext.Current.CancellationToken);

        // When it is read
        var rows = await ReadAllAsync(ReportFileReader.ReadQueueStatsAsync(new ReportFileContext(_path, TimeZoneInfo.Utc), ReportFormat.Xml, TestContext.Current.CancellationToken));

        // Then it is an empty report
        Assert.Empty(rows);
    }

    [Theory]
    [InlineData("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><form><input name=\"user\"/></form></body></html>", "found an HTML page")]
    [InlineData("<error><code>401</code><message>expired</message></error>", "with no queue statistics rows")]
    [InlineData("<result status=\"error\"/>", "with no queue statistics rows")]
    [InlineData("<page><div><p>Sign in</p></div></page>", "with no queue statistics rows")]
    public async Task An_xml_document_without_rows_that_is_not_an_empty_wrapper_is_refused(string xml, string problem)
    {
        await File.WriteAllTextAsync(_path, xml, TestContext.Current.CancellationToken);

        var error = await FailsAsync(ReportFileReader.ReadQueueStatsAsync(new ReportFileContext(_path, TimeZoneInfo.Utc), ReportFormat.Xml, TestContext.Current.CancellationToken));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(_path, error.FilePath);
    }

    [Fact]
    public async Task A_header_only_csv_and_an_empty_json_array_are_empty_reports()
    {
        await File.WriteAllTextAsync(_path, QueueHeader + "\n", TestContext.Current.CancellationToken);
        Assert.Empty(await ReadAllAsync(ReportFileReader.ReadQueueStatsAsync(new ReportFileContext(_path, TimeZoneInfo.Utc), ReportFormat.Csv, TestContext.Current.CancellationToken)));

        await File.WriteAllTextAsync(_path, "[]", TestContext.Current.CancellationToken);
        Assert.Empty(await ReadAllAsync(ReportFileReader.ReadQueueStatsAsync(new ReportFileContext(_path, TimeZoneInfo.Utc), ReportFormat.Json, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Invalid_utf8_in_a_csv_is_refused_naming_its_line()
    {
        // Given a CSV whose third line has a byte that is not UTF-8 in the queue name, far into the file
        var good = $"15,2026-11-02,08:00,2001,Billing,1,0,0,0,1,1,1,1,1,1,1,1,1,0,0\n";
        var bytes = new List<byte>(System.Text.Encoding.UTF8.GetBytes(QueueHeader + "\n" + good));
        bytes.AddRange(System.Text.Encoding.UTF8.GetBytes("15,2026-11-02,08:15,2001,Bill"));
        bytes.Add(0xFF);
        bytes.AddRange(System.Text.Encoding.UTF8.GetBytes("ing,1,0,0,0,1,1,1,1,1,1,1,1,1,0,0\n"));
        await File.WriteAllBytesAsync(_path, [.. bytes], TestContext.Current.CancellationToken);

        // When it is read
        var error = await FailsAsync(ReportFileReader.ReadQueueStatsAsync(new ReportFileContext(_path, TimeZoneInfo.Utc), ReportFormat.Csv, TestContext.Current.CancellationToken));

        // Then the error names the line and the byte, and nothing was read as a replacement character
        Assert.Equal(3, error.Line);
        Assert.Contains("byte 0xFF", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9\0\0", "control character")]
    [InlineData("9\u0001", "control character")]
    [InlineData("99999999999999999999999", "too large")]
    public void Counts_with_control_characters_or_beyond_bigint_are_refused(string text, string problem) =>
        Assert.Contains(problem, FieldValueParser.TryParseCount(text, out _), StringComparison.Ordinal);

    [Theory]
    [InlineData("99999999999999999999999", "largest duration")]
    [InlineData("10000000000000000", "largest duration")]
    [InlineData("12\0", "control character")]
    public void Durations_beyond_decimal_19_3_or_with_control_characters_are_refused(string text, string problem) =>
        Assert.Contains(problem, FieldValueParser.TryParseDuration(text, "seconds", out _), StringComparison.Ordinal);

    [Fact]
    public void The_largest_duration_sql_server_holds_is_accepted()
    {
        Assert.Null(FieldValueParser.TryParseDuration("9999999999999999.999", "seconds", out var value));
        Assert.Equal(FieldValueParser.MaxDurationSeconds, value);
    }

    [Fact]
    public void Milliseconds_beyond_bigint_are_refused_without_overflowing()
    {
        Assert.Contains("beyond the largest number of seconds", FieldValueParser.TryParseMilliseconds("70000000000000000000000000000", 1000m, "seconds", out _), StringComparison.Ordinal);
        Assert.Contains("beyond the largest number of milliseconds", FieldValueParser.TryParseMilliseconds("9223372036854775808", 1m, "milliseconds", out _), StringComparison.Ordinal);
    }
    private const string AgentHeader = "interval,date_from,time,agent_id,agent_name,queue,queue_name,talking_call_dur,wrap_up_dur,answ_call_cnt,transfer_out_call_cnt";

    [Fact]
    public async Task Csv_numbers_in_any_form_read_as_their_text_says()
    {
        // Given CSV rows whose numbers are plain digits, padded, signed, with a fraction or an exponent, or too long for a
        // plain read, and a repeated date with another time
        await File.WriteAllTextAsync(_path, AgentHeader + "\n"
            + "15,2026-01-01,00:00,1,A,2,Q,180,30,7,0\n"
            + "15,2026-01-01,00:15,1,A,2,Q,12.5, 30 ,007,+1\n"
            + "15,2026-01-01,00:30,1,A,2,Q,1e2,0.0,1000000000000000000,1E1\n", TestContext.Current.CancellationToken);

        // When they are read
        var rows = await ReadAllAsync(ReportFileReader.ReadAgentExtendedAsync(new ReportFileContext(_path, TimeZoneInfo.Utc), ReportFormat.Csv, TestContext.Current.CancellationToken));

        // Then each value is what the number rules make of its text, and each row keeps its own time
        Assert.Equal([180m, 12.5m, 100m], rows.Select(r => r.TalkingCallDurSec));
        Assert.Equal([30m, 30m, 0.0m], rows.Select(r => r.WrapUpDurSec));
        Assert.Equal([7L, 7L, 1_000_000_000_000_000_000L], rows.Select(r => r.AnswCallCnt));
        Assert.Equal([0L, 1L, 10L], rows.Select(r => r.TransferOutCallCnt));
        Assert.Equal([Utc(2026, 1, 1, 0, 0), Utc(2026, 1, 1, 0, 15), Utc(2026, 1, 1, 0, 30)], rows.Select(r => r.IntervalStartUtc));
    }

    [Theory]
    [InlineData("-1", "is negative")]
    [InlineData("1.5", "is not a whole number")]
    [InlineData("12x", "is not a whole number")]
    [InlineData("99999999999999999999999", "too large")]
    public async Task Csv_counts_that_are_not_plain_digits_fail_as_the_number_rules_say(string count, string problem)
    {
        // Given a row whose count is not a plain run of digits
        await File.WriteAllTextAsync(_path, AgentHeader + "\n15,2026-01-01,00:00,1,A,2,Q,180,30," + count + ",0\n", TestContext.Current.CancellationToken);

        // When it is read
        var error = await FailsAsync(ReportFileReader.ReadAgentExtendedAsync(new ReportFileContext(_path, TimeZoneInfo.Utc), ReportFormat.Csv, TestContext.Current.CancellationToken));

        // Then the error names the line and the field, with the number rules' reason
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
        Assert.Equal("answ_call_cnt", error.Field);
    }
}
