using RcWarehouse.Core.Parsing;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.AgentStats;
using Xunit;
using static RcWarehouse.Tests.Reports.TestReports;

namespace RcWarehouse.Tests.Reports.AgentStats;

/// <summary>Agent statistics in every format: the known measures as fields, every other number kept by name.</summary>
public sealed class AgentStatsParserTests : IDisposable
{
    private const string Header =
        "interval,date_from,time,agent_id,agent_name,logged_in_dur,talking_call_dur";

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"rcw-agent-stats-{Guid.NewGuid():N}");

    public void Dispose() => File.Delete(_path);

    private static IAsyncEnumerable<AgentStatsRow> Read(string file, ReportFormat format, List<string>? warnings = null) =>
        ReportFileReader.ReadAgentStatsAsync(Context($"AgentStats/{file}", warnings: warnings), format, TestContext.Current.CancellationToken);

    private IAsyncEnumerable<AgentStatsRow> ReadTemp(ReportFormat format, List<string>? warnings = null) =>
        ReportFileReader.ReadAgentStatsAsync(new ReportFileContext(_path, TimeZoneInfo.Utc, null, warnings is null ? null : warnings.Add), format, TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("legacy.csv", ReportFormat.Csv)]
    [InlineData("elements.xml", ReportFormat.Xml)]
    [InlineData("attributes.xml", ReportFormat.Xml)]
    [InlineData("current.json", ReportFormat.Json)]
    public async Task EveryFormat_YieldsTheSameRows_WithUnknownNumbersKeptUnderOneName(string file, ReportFormat format)
    {
        // Given the same two agents in a legacy CSV, legacy XML (elements or attributes) and a current JSON answer, each
        // carrying two fields the loader does not know (ringing and hold time)
        var warnings = new List<string>();

        // When it is read
        var rows = await ReadAllAsync(Read(file, format, warnings));

        // Then the known measures are fields, and the unknown numbers are kept as snake_case measures in file order
        Assert.Equal(2, rows.Count);
        var ava = rows[0];
        Assert.Equal(Utc(2026, 11, 2, 13, 0), ava.IntervalStartUtc);
        Assert.Equal(15, ava.IntervalMinutes);
        Assert.Equal("150001", ava.AgentId);
        Assert.Equal("Ava Adams", ava.AgentName);
        Assert.Equal((900m, 300m, 400.5m, 100m, 79.5m), (ava.LoggedInDurSec, ava.AvailableDurSec, ava.TalkingCallDurSec, ava.WrapUpDurSec, ava.AwayDurSec));
        Assert.Equal((5L, 4L, 1L), (ava.PresentedCallCnt, ava.AnswCallCnt, ava.TransferOutCallCnt));
        Assert.Equal([new OtherMeasure("ringing_dur", 20m), new OtherMeasure("hold_dur", 12m)], ava.OtherMeasures);

        // And an empty unknown value is absent, not zero
        Assert.Equal([new OtherMeasure("ringing_dur", 0m)], rows[1].OtherMeasures);
        Assert.Equal(0L, rows[1].AnswCallCnt);

        // And the operator is told which unknown fields are being kept
        Assert.Contains(warnings, w => w.Contains("keeping the numbers of unknown", StringComparison.Ordinal) && w.Contains("ringing", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task UnknownFields_OnlyNumbersAreKept_AndNonNumbersAreReportedOnce()
    {
        // Given a row with unknown text, array, boolean and numeric fields (one a numeric string, one negative, one in capitals)
        var warnings = new List<string>();

        // When it is read
        var row = Assert.Single(await ReadAllAsync(Read("fields-unknown.json", ReportFormat.Json, warnings)));

        // Then the numbers are kept under snake_case names and the rest is not
        Assert.Equal([new OtherMeasure("acw_time", 30m), new OtherMeasure("adherence_pct", -2.5m), new OtherMeasure("queue_count", 3m)], row.OtherMeasures);
        Assert.Contains(warnings, w => w.Contains("'team' is not a number", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("'skills' is not a number", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("'onBreak' is not a number", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains("Team A", StringComparison.Ordinal));

        // And with no known measure at all, each is null rather than zero
        Assert.Null(row.LoggedInDurSec);
        Assert.Null(row.AnswCallCnt);
    }

    [Theory]
    [InlineData("ringingDur", "ringing_dur")]
    [InlineData("ringing_dur", "ringing_dur")]
    [InlineData("talkingIxnDur", "talking_call_dur")]
    [InlineData("ACWTime", "acw_time")]
    [InlineData("Hold Dur (sec)", "hold_dur_sec")]
    [InlineData("auxCode2Dur", "aux_code2_dur")]
    public void MeasureNames_AreOneSnakeCaseSpellingForEveryGeneration(string name, string stored) =>
        Assert.Equal(stored, OtherMeasureRules.Normalize(name));

    [Fact]
    public async Task AMeasureNamedTwice_FailsNamingBothSpellings()
    {
        // Given a row with ringingDur and ringing_dur, which would be stored under the same name
        await File.WriteAllTextAsync(_path, """[{"interval":15,"dateTimeFrom":"2026-11-02 08:00:00","agentId":"1","ringingDur":1,"ringing_dur":2}]""", TestContext.Current.CancellationToken);

        // When it is read, then it fails at the second one's JSON path
        var error = await FailsAsync(ReadTemp(ReportFormat.Json));
        Assert.Equal("$[0].ringing_dur", error.JsonPath);
        Assert.Contains("'ringingDur'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownNumberBeyondTheWarehouse_FailsWithLineAndField()
    {
        await File.WriteAllTextAsync(_path, Header + ",huge_cnt\n15,2026-11-02,08:00,1,A,900,10,99999999999999999999999\n", TestContext.Current.CancellationToken);

        var error = await FailsAsync(ReadTemp(ReportFormat.Csv));

        Assert.Equal(2, error.Line);
        Assert.Equal("huge_cnt", error.Field);
        Assert.Contains("beyond the largest measure", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadKnownMeasure_FailsWithLineAndField()
    {
        await File.WriteAllTextAsync(_path, Header + "\n15,2026-11-02,08:00,1,A,900,10\n15,2026-11-02,08:00,2,B,-5,10\n", TestContext.Current.CancellationToken);

        var (rows, error) = await ReadUntilFailureAsync(ReadTemp(ReportFormat.Csv));

        Assert.Single(rows);
        Assert.Equal(3, error.Line);
        Assert.Equal("logged_in_dur", error.Field);
        Assert.Contains("negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadKnownMeasureInXml_FailsWithItsLine()
    {
        await File.WriteAllTextAsync(_path, "<r>\n<row interval=\"15\" date_from=\"2026-11-02\" time=\"08:00\" agent_id=\"1\"\n talking_call_dur=\"abc\"/>\n</r>", TestContext.Current.CancellationToken);

        var error = await FailsAsync(ReadTemp(ReportFormat.Xml));

        // The attribute's own line, not the line its element starts on
        Assert.Equal(3, error.Line);
        Assert.Equal("talking_call_dur", error.Field);
    }

    [Fact]
    public async Task AMissingAgentColumn_FailsNamingIt()
    {
        await File.WriteAllTextAsync(_path, "interval,date_from,time,logged_in_dur\n15,2026-11-02,08:00,900\n", TestContext.Current.CancellationToken);

        var error = await FailsAsync(ReadTemp(ReportFormat.Csv));

        Assert.Equal(1, error.Line);
        Assert.Contains("'agent_id' missing from the agent statistics header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherReports_StillIgnoreUnknownFields()
    {
        // Given an agent extended statistics file with an extra numeric column: that report's fields are documented
        var warnings = new List<string>();
        await File.WriteAllTextAsync(_path,
            "interval,date_from,time,agent_id,agent_name,queue,queue_name,talking_call_dur,wrap_up_dur,answ_call_cnt,transfer_out_call_cnt,extra_cnt\n"
            + "15,2026-11-02,08:00,1,A,2,Q,10,5,1,0,7\n",
            TestContext.Current.CancellationToken);

        // When it is read
        var rows = await ReadAllAsync(ReportFileReader.ReadAgentExtendedAsync(new ReportFileContext(_path, TimeZoneInfo.Utc, null, warnings.Add), ReportFormat.Csv, TestContext.Current.CancellationToken));

        // Then the row loads and the column is ignored, as before
        Assert.Single(rows);
        Assert.Contains(warnings, w => w.Contains("ignoring unknown column 'extra_cnt'", StringComparison.Ordinal));
    }
}
