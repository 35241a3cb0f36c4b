using RcWarehouse.Core.Parsing;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.QueueStats;
using Xunit;
using static RcWarehouse.Tests.Reports.TestReports;

namespace RcWarehouse.Tests.Reports.QueueStats;

public sealed class QueueStatsJsonParserTests
{
    private static IAsyncEnumerable<QueueStatsRow> Read(string file) =>
        ReportFileReader.ReadQueueStatsAsync(Context($"QueueStats/{file}"), ReportFormat.Json, TestContext.Current.CancellationToken);

    [Fact]
    public async Task CurrentGeneration_YieldsEveryFieldIncludingCompletedContactsAndHoldTime()
    {
        // Given a camelCase row with Ixn names, numeric strings, a queue id beyond 2^32 and the two JSON-only fields
        // When it is read
        var rows = await ReadAllAsync(Read("current.json"));

        // Then every field is exact
        Assert.Equal(3, rows.Count);
        Assert.Equal(
            QueueStatsCsvParserTests.Billing0900 with { QueueId = "8589934593", CompletedContacts = 35, SegmentHoldTimeMs = 61500 },
            rows[0]);
    }

    [Fact]
    public async Task OffDirectSpellingAndNullOptionals_AreAccepted()
    {
        // Given the second row with the guide's offDirectIxnCnt spelling, a null queueName and a null completedContacts
        // When it is read
        var rows = await ReadAllAsync(Read("current.json"));

        // Then the count is read and the optionals are null
        Assert.Equal(7, rows[1].OffdDirectCallCnt);
        Assert.Null(rows[1].QueueName);
        Assert.Null(rows[1].CompletedContacts);
        Assert.Null(rows[1].SegmentHoldTimeMs);
    }

    [Fact]
    public async Task LegacyAndCallNamesInJson_AreAccepted()
    {
        // Given a row with date_from + time, snake_case names, and camelCase names without Ixn
        // When it is read
        var rows = await ReadAllAsync(Read("current.json"));

        // Then every field lands in its place
        Assert.Equal(
            new QueueStatsRow
            {
                IntervalStartUtc = Utc(2024, 3, 4, 14, 30),
                IntervalMinutes = 15,
                QueueId = "2001",
                QueueName = null,
                OffdDirectCallCnt = 1,
                OverflowInCallCnt = 2,
                AbandCallCnt = 3,
                OverflowOutCallCnt = 4,
                AnswCallCnt = 5,
                QueuedAndAnswCallDurSec = 6m,
                QueuedAndAbandCallDurSec = 7m,
                TalkingCallDurSec = 8m,
                WrapUpDurSec = 9m,
                QueuedAnswLongestQueDurSec = 10m,
                QueuedAbandLongestQueDurSec = 11m,
                AnsServicelevelCnt = 12,
                WaitDurSec = 13m,
                AbandShortCallCnt = 14,
                AbandWithinSlCnt = 15,
            },
            rows[2]);
    }

    [Fact]
    public async Task MissingField_ErrorNamesTheJsonName()
    {
        // Given an element without abandIxnCnt
        // When it is read
        var error = await FailsAsync(Read("missing-field.json"));

        // Then the error names it by its JSON name and path
        Assert.Equal("abandIxnCnt", error.Field);
        Assert.Equal("$[0]", error.JsonPath);
        Assert.Equal(2, error.Line);
    }
}
