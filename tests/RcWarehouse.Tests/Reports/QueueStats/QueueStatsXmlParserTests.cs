using RcWarehouse.Core.Parsing;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.QueueStats;
using Xunit;
using static RcWarehouse.Tests.Reports.TestReports;

namespace RcWarehouse.Tests.Reports.QueueStats;

public sealed class QueueStatsXmlParserTests
{
    private static IAsyncEnumerable<QueueStatsRow> Read(string file) =>
        ReportFileReader.ReadQueueStatsAsync(Context($"QueueStats/{file}"), ReportFormat.Xml, TestContext.Current.CancellationToken);

    [Fact]
    public async Task PascalCaseAttributes_YieldEveryField()
    {
        // Given a row as Pascal_Case attributes on an element called Q
        // When it is read
        var row = Assert.Single(await ReadAllAsync(Read("attributes.xml")));

        // Then every field is exact
        Assert.Equal(QueueStatsCsvParserTests.Billing0900 with { QueueName = "Billing" }, row);
    }

    [Fact]
    public async Task AutumnRepeatedHour_IsResolvedByFileOrderPerQueue()
    {
        // Given 01:30 on 2024-11-03 twice for queue 2001 and once for queue 2002
        // When it is read
        var rows = await ReadAllAsync(Read("dst-autumn.xml"));

        // Then the first of each queue is EDT (05:30Z) and queue 2001's second is EST (06:30Z)
        Assert.Equal(
            [("2001", Utc(2024, 11, 3, 5, 30)), ("2002", Utc(2024, 11, 3, 5, 30)), ("2001", Utc(2024, 11, 3, 6, 30))],
            rows.Select(r => (r.QueueId, r.IntervalStartUtc)));
        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.OffdDirectCallCnt));
    }
}
