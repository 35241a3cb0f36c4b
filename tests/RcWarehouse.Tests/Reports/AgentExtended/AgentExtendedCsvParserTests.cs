using RcWarehouse.Core.Parsing;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.AgentExtended;
using Xunit;
using static RcWarehouse.Tests.Reports.TestReports;

namespace RcWarehouse.Tests.Reports.AgentExtended;

public sealed class AgentExtendedCsvParserTests
{
    private static IAsyncEnumerable<AgentExtendedRow> Read(string file, List<string>? warnings = null, Core.Intervals.UtcWindow? window = null) =>
        ReportFileReader.ReadAgentExtendedAsync(Context($"AgentExtended/{file}", window: window, warnings: warnings), ReportFormat.Csv, TestContext.Current.CancellationToken);

    [Fact]
    public async Task BasicFile_YieldsEveryFieldOfEveryRow()
    {
        // Given a comma-separated report in New York time with quoted names holding commas, quotes and accents
        // When it is read
        var rows = await ReadAllAsync(Read("basic.csv"));

        // Then every field of every row is exact, and 09:00 EST is 14:00 UTC
        Assert.Equal(3, rows.Count);
        Assert.Equal(
            new AgentExtendedRow
            {
                IntervalStartUtc = Utc(2024, 3, 4, 14, 0),
                IntervalMinutes = 15,
                AgentId = "1001234",
                AgentName = "Núñez, José \"JJ\"",
                QueueId = "2001",
                QueueName = "Billing, Tier 1",
                TalkingCallDurSec = 845.5m,
                WrapUpDurSec = 120m,
                AnswCallCnt = 12,
                TransferOutCallCnt = 1,
            },
            rows[0]);
        Assert.Equal(Utc(2024, 3, 4, 14, 15), rows[1].IntervalStartUtc);
        Assert.Equal(0, rows[1].AnswCallCnt);
        Assert.Equal(
            new AgentExtendedRow
            {
                IntervalStartUtc = Utc(2024, 3, 4, 14, 0),
                IntervalMinutes = 15,
                AgentId = "1001301",
                AgentName = "Zoë O'Brien",
                QueueId = "2002",
                QueueName = "Support",
                TalkingCallDurSec = 1260m,
                WrapUpDurSec = 95.25m,
                AnswCallCnt = 7,
                TransferOutCallCnt = 2,
            },
            rows[2]);
        Assert.Equal(DateTimeKind.Utc, rows[0].IntervalStartUtc.Kind);
    }

    [Fact]
    public async Task RowsThatGoBackAndForthBetweenDaysAcrossTheSpringChange_EachGetTheirOwnDaysOffset()
    {
        // Given rows in New York time that alternate between the Saturday before the clocks go forward (EST) and the
        // Sunday after (EDT), with the same time written as 09:00 and 9:15 and the same date as 2024-03-09 and 20240309
        // (the parser reuses the previous row's date, time and offset only when the text is the same)
        var rows = await ReadAllAsync(Read("dates-interleaved.csv"));

        // Then each row's UTC start uses its own day's offset
        Assert.Equal(
            [Utc(2024, 3, 9, 14, 0), Utc(2024, 3, 10, 13, 0), Utc(2024, 3, 9, 14, 0), Utc(2024, 3, 9, 14, 15), Utc(2024, 3, 10, 13, 15)],
            rows.Select(r => r.IntervalStartUtc));
    }

    [Fact]
    public async Task SemicolonBomCrlfTitleAndMixedCaseHeaders_AreReadAndExtraColumnsWarnedOnce()
    {
        // Given a BOM, CRLF, ';' file with a title line and blank lines before a mixed-case header, a plain 'Time'
        // header, yyyyMMdd dates, H:mm and HH:mm:ss times, blank lines between rows, a trailing ';;;' line, and two unknown columns
        var warnings = new List<string>();

        // When it is read
        var rows = await ReadAllAsync(Read("semicolon-bom-crlf.csv", warnings));

        // Then both rows are exact and the unknown columns are reported once, together
        Assert.Equal(2, rows.Count);
        Assert.Equal(
            new AgentExtendedRow
            {
                IntervalStartUtc = Utc(2024, 3, 4, 14, 30),
                IntervalMinutes = 30,
                AgentId = "1001234",
                AgentName = "Müller; Jörg",
                QueueId = "2001",
                QueueName = "Billing",
                TalkingCallDurSec = 300m,
                WrapUpDurSec = 60m,
                AnswCallCnt = 3,
                TransferOutCallCnt = 0,
            },
            rows[0]);
        Assert.Equal(Utc(2024, 3, 4, 15, 0), rows[1].IntervalStartUtc);
        Assert.Equal(90.5m, rows[1].TalkingCallDurSec);
        var warning = Assert.Single(warnings);
        Assert.Contains("'Site'", warning, StringComparison.Ordinal);
        Assert.Contains("'Team'", warning, StringComparison.Ordinal);
        Assert.StartsWith(PathOf("AgentExtended/semicolon-bom-crlf.csv") + ":4", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuotedNewline_KeepsTheNewlineAndCountsPhysicalLines()
    {
        // Given a name with a quoted line break and doubled quotes, followed by a bad row
        // When the file is read
        var (rows, error) = await ReadUntilFailureAsync(Read("quoted-newline.csv"));

        // Then the name keeps its line break, and the bad row is reported on its physical line (4, not 3)
        Assert.Equal("Smith, Ann\n\"Annie\"", Assert.Single(rows).AgentName);
        Assert.Equal(4, error.Line);
        Assert.Equal("answ_call_cnt", error.Field);
    }

    [Fact]
    public async Task BadCount_ErrorNamesFileLineAndField()
    {
        // Given 'abc' in answ_call_cnt on physical line 7 (after a title, a blank line, the header, two rows and a blank)
        var path = PathOf("AgentExtended/bad-count.csv");

        // When it is read
        var (rows, error) = await ReadUntilFailureAsync(Read("bad-count.csv"));

        // Then the rows before it came through and the message says exactly where and what
        Assert.Equal(2, rows.Count);
        Assert.Equal($"{path}:7, field 'answ_call_cnt': 'abc' is not a whole number", error.Message);
        Assert.Equal(path, error.FilePath);
        Assert.Equal(7, error.Line);
        Assert.Equal("answ_call_cnt", error.Field);
    }

    [Fact]
    public async Task MissingColumn_ErrorNamesTheColumn()
    {
        // Given a header without answ_call_cnt
        // When it is read
        var error = await FailsAsync(Read("missing-column.csv"));

        // Then the error names it, on the header line
        Assert.Equal("answ_call_cnt", error.Field);
        Assert.Equal(2, error.Line);
        Assert.Contains("required column 'answ_call_cnt' missing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fraction-count.csv", "answ_call_cnt", "'12.5' is not a whole number")]
    [InlineData("negative-duration.csv", "talking_call_dur", "'-4' is negative")]
    [InlineData("empty-agent-id.csv", "agent_id", "a value is required")]
    [InlineData("bad-interval.csv", "interval", "interval '20' must be 15, 30, 45 or 60")]
    [InlineData("off-boundary.csv", "time (H24:MI)", "not on a 15-minute boundary")]
    [InlineData("bad-date.csv", "date_from", "'04/03/2024' is not a date")]
    [InlineData("duplicate-column.csv", "time (H24:MI)", "the header names it twice")]
    public async Task BadValue_ErrorNamesFileLineAndField(string file, string field, string problem)
    {
        // Given a file with one bad value on line 2
        var path = PathOf($"AgentExtended/{file}");

        // When it is read
        var error = await FailsAsync(Read(file));

        // Then the error names the file, the line and the field, and says what is wrong
        Assert.Equal(path, error.FilePath);
        Assert.Equal(field, error.Field);
        Assert.Equal(file == "duplicate-column.csv" ? 1 : 2, error.Line);
        Assert.StartsWith($"{path}:{error.Line}, field '{field}': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnterminatedQuote_IsMalformedCsvOnItsLine()
    {
        // Given a quote that is never closed on line 3
        // When it is read
        var (rows, error) = await ReadUntilFailureAsync(Read("unterminated-quote.csv"));

        // Then the good row came through and the error points at line 3
        Assert.Single(rows);
        Assert.Equal(3, error.Line);
        Assert.Contains("malformed CSV", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnquotedSeparatorInValue_IsAFieldCountError()
    {
        // Given a name with an unquoted comma
        // When it is read
        var error = await FailsAsync(Read("field-count.csv"));

        // Then the row is refused rather than shifted into the wrong columns
        Assert.Equal(2, error.Line);
        Assert.Contains("12 values but the header on line 1 has 11 columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoHeader_IsAnError()
    {
        // Given data lines without a header
        // When it is read
        var error = await FailsAsync(Read("no-header.csv"));

        // Then the error says no header was found, and what was found instead
        Assert.Contains("found plain text, not a report: no agent extended statistics header line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpringForwardGap_IsAnError()
    {
        // Given 02:00 on 2024-03-10, which New York skips
        // When it is read
        var (rows, error) = await ReadUntilFailureAsync(Read("dst-spring-gap.csv"));

        // Then 01:45 is fine and 02:00 fails on its line, naming the time field
        Assert.Equal(Utc(2024, 3, 10, 6, 45), Assert.Single(rows).IntervalStartUtc);
        Assert.Equal(3, error.Line);
        Assert.Equal("time", error.Field);
        Assert.Contains("does not exist in time zone America/New_York", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutumnRepeatedHour_IsResolvedByFileOrderPerAgentAndQueue()
    {
        // Given 01:00 on 2024-11-03 twice for agent 1001234 in queue 2001 and once in queue 2002
        // When it is read
        var rows = await ReadAllAsync(Read("dst-autumn-repeat.csv"));

        // Then the first 01:00 of each agent+queue is EDT (05:00Z), the second EST (06:00Z)
        Assert.Equal(
            [Utc(2024, 11, 3, 4, 45), Utc(2024, 11, 3, 5, 0), Utc(2024, 11, 3, 5, 0), Utc(2024, 11, 3, 5, 45), Utc(2024, 11, 3, 6, 0), Utc(2024, 11, 3, 7, 0)],
            rows.Select(r => r.IntervalStartUtc));
        Assert.Equal([1m, 2m, 3m, 4m, 5m, 6m], rows.Select(r => r.TalkingCallDurSec));
    }

    [Fact]
    public async Task AutumnRepeatedHourThreeTimes_IsAnError()
    {
        // Given 01:00 three times for the same agent and queue
        // When it is read
        var (rows, error) = await ReadUntilFailureAsync(Read("dst-autumn-third.csv"));

        // Then the third fails on its line
        Assert.Equal(2, rows.Count);
        Assert.Equal(4, error.Line);
        Assert.Contains("occurs 3 times for the same agent 1001234 in queue 2001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WindowCoveringTheRows_AcceptsThem()
    {
        // Given the window that was requested
        var window = Window(Utc(2024, 3, 4, 14, 0), Utc(2024, 3, 4, 15, 0));

        // When the file is read
        var rows = await ReadAllAsync(Read("basic.csv", window: window));

        // Then all rows are inside it
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public async Task RowOutsideWindow_FailsTheFile()
    {
        // Given a window that ends before the 09:15 row
        var window = Window(Utc(2024, 3, 4, 14, 0), Utc(2024, 3, 4, 14, 15));

        // When the file is read
        var (_, error) = await ReadUntilFailureAsync(Read("basic.csv", window: window));

        // Then the row outside fails the file, on its line
        Assert.Equal(3, error.Line);
        Assert.Contains("outside the requested window", error.Message, StringComparison.Ordinal);
    }
}
