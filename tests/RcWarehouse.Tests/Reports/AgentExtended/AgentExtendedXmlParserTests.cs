using RcWarehouse.Core.Parsing;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.AgentExtended;
using Xunit;
using static RcWarehouse.Tests.Reports.TestReports;

namespace RcWarehouse.Tests.Reports.AgentExtended;

public sealed class AgentExtendedXmlParserTests
{
    private static IAsyncEnumerable<AgentExtendedRow> Read(string file, List<string>? warnings = null) =>
        ReportFileReader.ReadAgentExtendedAsync(Context($"AgentExtended/{file}", warnings: warnings), ReportFormat.Xml, TestContext.Current.CancellationToken);

    [Fact]
    public async Task ChildElementRows_UnderOddWrappers_YieldEveryField()
    {
        // Given rows as child elements with mixed-case names inside a namespaced wrapper, a CDATA queue name,
        // an entity in the agent name, an empty agent_name element and an unknown element in every row
        var warnings = new List<string>();

        // When it is read
        var rows = await ReadAllAsync(Read("elements.xml", warnings));

        // Then both rows are exact and the unknown element is reported once
        Assert.Equal(2, rows.Count);
        Assert.Equal(
            new AgentExtendedRow
            {
                IntervalStartUtc = Utc(2024, 3, 4, 14, 0),
                IntervalMinutes = 15,
                AgentId = "1001234",
                AgentName = "Núñez, José \"JJ\" & Co",
                QueueId = "2001",
                QueueName = "Billing <Tier 1>",
                TalkingCallDurSec = 845.5m,
                WrapUpDurSec = 120m,
                AnswCallCnt = 12,
                TransferOutCallCnt = 1,
            },
            rows[0]);
        Assert.Equal(
            new AgentExtendedRow
            {
                IntervalStartUtc = Utc(2024, 3, 4, 14, 15),
                IntervalMinutes = 15,
                AgentId = "1001301",
                AgentName = null,
                QueueId = "2002",
                QueueName = "Support",
                TalkingCallDurSec = 0m,
                WrapUpDurSec = 0m,
                AnswCallCnt = 0,
                TransferOutCallCnt = 0,
            },
            rows[1]);
        Assert.Contains("'skill_level'", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttributeRows_YieldEveryField()
    {
        // Given rows as attributes (one self-closing, one with an end tag) under a wrapper that has one field-like attribute
        // When it is read
        var rows = await ReadAllAsync(Read("attributes.xml"));

        // Then the wrapper is not a row and both rows are exact
        Assert.Equal(2, rows.Count);
        Assert.Equal(
            new AgentExtendedRow
            {
                IntervalStartUtc = Utc(2024, 3, 4, 14, 30),
                IntervalMinutes = 15,
                AgentId = "1001234",
                AgentName = "Zoë O'Brien",
                QueueId = "2001",
                QueueName = "Billing \"VIP\"",
                TalkingCallDurSec = 60m,
                WrapUpDurSec = 5.5m,
                AnswCallCnt = 2,
                TransferOutCallCnt = 0,
            },
            rows[0]);
        Assert.Equal(
            new AgentExtendedRow
            {
                IntervalStartUtc = Utc(2024, 3, 4, 15, 0),
                IntervalMinutes = 30,
                AgentId = "1001235",
                AgentName = "Li, Wei",
                QueueId = "2002",
                QueueName = "Support",
                TalkingCallDurSec = 0m,
                WrapUpDurSec = 0m,
                AnswCallCnt = 0,
                TransferOutCallCnt = 0,
            },
            rows[1]);
    }

    [Fact]
    public async Task DoctypeWithExternalEntity_IsRefused()
    {
        // Given a DOCTYPE declaring an external entity
        // When it is read
        var error = await FailsAsync(Read("doctype.xml"));

        // Then nothing is resolved and the error says why, on the DOCTYPE line
        Assert.Equal(2, error.Line);
        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingField_ErrorNamesFieldAndRowLine()
    {
        // Given a row element without answ_call_cnt, starting on line 3
        // When it is read
        var error = await FailsAsync(Read("missing-field.xml"));

        // Then the error names the field and the row's line
        Assert.Equal("answ_call_cnt", error.Field);
        Assert.Equal(3, error.Line);
        Assert.StartsWith($"{PathOf("AgentExtended/missing-field.xml")}:3, field 'answ_call_cnt': ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadValue_ErrorNamesTheElementLine()
    {
        // Given 'ten' in the talking_call_dur element on line 10
        // When it is read
        var (rows, error) = await ReadUntilFailureAsync(Read("bad-value.xml"));

        // Then the attribute row before it came through and the error points at the element
        Assert.Single(rows);
        Assert.Equal($"{PathOf("AgentExtended/bad-value.xml")}:10, field 'talking_call_dur': 'ten' is not a number of seconds", error.Message);
    }

    [Fact]
    public async Task MalformedXml_IsAnErrorWithLine()
    {
        // Given an element that is never closed
        // When it is read
        var (rows, error) = await ReadUntilFailureAsync(Read("malformed.xml"));

        // Then the good row came through and the error has a line
        Assert.Single(rows);
        Assert.NotNull(error.Line);
        Assert.Contains("malformed XML", error.Message, StringComparison.Ordinal);
    }
}
