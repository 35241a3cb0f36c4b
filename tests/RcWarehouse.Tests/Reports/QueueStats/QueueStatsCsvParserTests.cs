using RcWarehouse.Core.Parsing;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.QueueStats;
using Xunit;
using static RcWarehouse.Tests.Reports.TestReports;

namespace RcWarehouse.Tests.Reports.QueueStats;

public sealed class QueueStatsCsvParserTests
{
    internal static readonly QueueStatsRow Billing0900 = new()
    {
        IntervalStartUtc = Utc(2024, 3, 4, 14, 0),
        IntervalMinutes = 15,
        QueueId = "2001",
        QueueName = "Billing, \"Tier 1\"",
        OffdDirectCallCnt = 40,
        OverflowInCallCnt = 3,
        AbandCallCnt = 5,
        OverflowOutCallCnt = 2,
        AnswCallCnt = 36,
        QueuedAndAnswCallDurSec = 1820.5m,
        QueuedAndAbandCallDurSec = 240m,
        TalkingCallDurSec = 9000m,
        WrapUpDurSec = 1500.25m,
        QueuedAnswLongestQueDurSec = 180m,
        QueuedAbandLongestQueDurSec = 95m,
        AnsServicelevelCnt = 30,
        WaitDurSec = 3600m,
        AbandShortCallCnt = 2,
        AbandWithinSlCnt = 1,
        CompletedContacts = null,
        SegmentHoldTimeMs = null,
    };

    private static IAsyncEnumerable<QueueStatsRow> Read(string file) =>
        ReportFileReader.ReadQueueStatsAsync(Context($"QueueStats/{file}"), ReportFormat.Csv, TestContext.Current.CancellationToken);

    [Fact]
    public async Task LegacyCsv_YieldsEveryFieldOfEveryRow()
    {
        // Given a legacy queue statistics CSV with a quoted queue name and an accented one
        // When it is read
        var rows = await ReadAllAsync(Read("legacy.csv"));

        // Then every field is exact; the current-generation-only fields are null
        Assert.Equal(2, rows.Count);
        Assert.Equal(Billing0900, rows[0]);
        Assert.Equal(
            new QueueStatsRow
            {
                IntervalStartUtc = Utc(2024, 3, 4, 14, 15),
                IntervalMinutes = 15,
                QueueId = "2002",
                QueueName = "Atención al cliente",
                OffdDirectCallCnt = 0,
                OverflowInCallCnt = 0,
                AbandCallCnt = 0,
                OverflowOutCallCnt = 0,
                AnswCallCnt = 0,
                QueuedAndAnswCallDurSec = 0m,
                QueuedAndAbandCallDurSec = 0m,
                TalkingCallDurSec = 0m,
                WrapUpDurSec = 0m,
                QueuedAnswLongestQueDurSec = 0m,
                QueuedAbandLongestQueDurSec = 0m,
                AnsServicelevelCnt = 0,
                WaitDurSec = 0m,
                AbandShortCallCnt = 0,
                AbandWithinSlCnt = 0,
            },
            rows[1]);
    }

    [Fact]
    public async Task UpperCaseSemicolonBomCrlfWithTitle_YieldsTheSameRow()
    {
        // Given the same row in an upper-case, ';' separated, BOM + CRLF file with a title line, yyyyMMdd and H:mm
        // When it is read
        var row = Assert.Single(await ReadAllAsync(Read("legacy-semicolon.csv")));

        // Then it equals the comma file's row (apart from the plainer queue name)
        Assert.Equal(Billing0900 with { QueueName = "Billing" }, row);
    }
}
