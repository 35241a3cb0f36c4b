using RcWarehouse.Core.Parsing;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.AgentExtended;
using Xunit;
using static RcWarehouse.Tests.Reports.TestReports;

namespace RcWarehouse.Tests.Reports.AgentExtended;

public sealed class AgentExtendedJsonParserTests
{
    private static IAsyncEnumerable<AgentExtendedRow> Read(string file, List<string>? warnings = null, Core.Intervals.UtcWindow? window = null, TimeZoneInfo? zone = null) =>
        ReportFileReader.ReadAgentExtendedAsync(Context($"AgentExtended/{file}", zone, window, warnings), ReportFormat.Json, TestContext.Current.CancellationToken);

    [Fact]
    public async Task CurrentGeneration_YieldsEveryFieldWithHugeIdsExact()
    {
        // Given camelCase rows with numbers as JSON numbers and numeric strings, and ids beyond 2^64 and 2^32
        var warnings = new List<string>();

        // When it is read
        var rows = await ReadAllAsync(Read("current.json", warnings));

        // Then the first row is exact, ids keep their digits, and the unknown 'site' is reported once
        Assert.Equal(6, rows.Count);
        Assert.Equal(
            new AgentExtendedRow
            {
                IntervalStartUtc = Utc(2024, 3, 4, 14, 0),
                IntervalMinutes = 60,
                AgentId = "98765432109876543210",
                AgentName = "Núñez, José \"JJ\"",
                QueueId = "4294967297",
                QueueName = "Billing, Tier 1",
                TalkingCallDurSec = 845.5m,
                WrapUpDurSec = 120m,
                AnswCallCnt = 12,
                TransferOutCallCnt = 1,
            },
            rows[0]);
        Assert.Contains("'site'", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryDateTimeFromForm_AndDateFromPlusTime_AreRead()
    {
        // Given MM-dd-yyyy'T'HH:mm:ss, yyyy-MM-ddTHH:mm:ss, 'yyyy-MM-dd HH:mm:ss', fractional seconds, date_from + time
        // When it is read
        var rows = await ReadAllAsync(Read("current.json"));

        // Then each is the New York local time converted to UTC
        Assert.Equal(
            [
                Utc(2024, 3, 4, 14, 0), Utc(2024, 3, 4, 14, 15), Utc(2024, 3, 4, 14, 30),
                Utc(2024, 3, 4, 14, 45), Utc(2024, 3, 4, 15, 0), Utc(2024, 3, 4, 15, 15),
            ],
            rows.Select(r => r.IntervalStartUtc));
    }

    [Fact]
    public async Task NullOptionalAndLegacyNames_AreAccepted()
    {
        // Given a null agentName, a numeric-string interval, "3.0" style counts, and a row in snake_case / Call names
        // When it is read
        var rows = await ReadAllAsync(Read("current.json"));

        // Then the null name is null, 3.0 is 3, and the legacy-named row is exact
        Assert.Null(rows[1].AgentName);
        Assert.Null(rows[1].QueueName);
        Assert.Equal(15, rows[1].IntervalMinutes);
        Assert.Equal(3, rows[2].AnswCallCnt);
        Assert.Equal(
            new AgentExtendedRow
            {
                IntervalStartUtc = Utc(2024, 3, 4, 15, 15),
                IntervalMinutes = 15,
                AgentId = "1001301",
                AgentName = "Zoë O'Brien",
                QueueId = "2002",
                QueueName = "Support",
                TalkingCallDurSec = 12.25m,
                WrapUpDurSec = 3m,
                AnswCallCnt = 1,
                TransferOutCallCnt = 0,
            },
            rows[5]);
    }

    [Fact]
    public async Task TruncatedMidArray_ErrorHasLineAndPath()
    {
        // Given a file cut off after "answIxnCnt": on line 7 of the second element
        // When it is read
        var (rows, error) = await ReadUntilFailureAsync(Read("truncated.json"));

        // Then the complete first element came through and the error says where the second broke
        Assert.Single(rows);
        Assert.Equal(7, error.Line);
        Assert.Equal("$[1].answIxnCnt", error.JsonPath);
        Assert.StartsWith($"{PathOf("AgentExtended/truncated.json")}:7 at $[1].answIxnCnt, field 'answIxnCnt': malformed JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadValue_ErrorNamesPathAndField()
    {
        // Given "abc" as answIxnCnt in the second element, which starts on line 3
        // When it is read
        var error = await FailsAsync(Read("bad-value.json"));

        // Then the error carries the element's line, the JSON path and the field
        Assert.Equal($"{PathOf("AgentExtended/bad-value.json")}:3 at $[1].answIxnCnt, field 'answIxnCnt': 'abc' is not a whole number", error.Message);
    }

    [Fact]
    public async Task DayMonthMixUp_IsCaughtByTheWindow()
    {
        // Given a UTC report for 3 April 2024 whose dateTimeFrom reads 03-04-2024 (the documented MM-dd-yyyy is 4 March)
        var april3 = Window(Utc(2024, 4, 3, 0, 0), Utc(2024, 4, 4, 0, 0));

        // When it is read with the requested window
        var error = await FailsAsync(Read("window-mixup.json", window: april3, zone: TimeZoneInfo.Utc));

        // Then the file fails: 4 March is outside the window
        Assert.Equal("$[0].dateTimeFrom", error.JsonPath);
        Assert.Contains("outside the requested window", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonthDayYear_InsideTheWindow_IsAccepted()
    {
        // Given the window of 4 March 2024 in UTC
        var march4 = Window(Utc(2024, 3, 4, 0, 0), Utc(2024, 3, 5, 0, 0));

        // When the 03-04-2024T05:00:00 file is read
        var row = Assert.Single(await ReadAllAsync(Read("window-mixup.json", window: march4, zone: TimeZoneInfo.Utc)));

        // Then it is 4 March 05:00 UTC
        Assert.Equal(Utc(2024, 3, 4, 5, 0), row.IntervalStartUtc);
    }

    [Fact]
    public async Task BomAndLeadingWhitespace_AreSkipped()
    {
        // Given a BOM, CRLF blank lines and spaces before the array
        // When it is read
        var row = Assert.Single(await ReadAllAsync(Read("bom-whitespace.json")));

        // Then the row is read
        Assert.Equal("1001234", row.AgentId);
    }

    [Fact]
    public async Task TopLevelObject_IsAnError()
    {
        // Given an object where the array should be
        // When it is read
        var error = await FailsAsync(Read("top-level-object.json"));

        // Then the error says an array was expected
        Assert.Equal("$", error.JsonPath);
        Assert.Contains("found a JSON object (an error answer?), not an array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyArray_YieldsNoRows()
    {
        // Given []
        // When it is read
        var rows = await ReadAllAsync(Read("empty-array.json"));

        // Then there are no rows and no error
        Assert.Empty(rows);
    }
}
