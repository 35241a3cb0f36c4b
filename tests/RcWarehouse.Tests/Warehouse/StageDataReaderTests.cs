using RcWarehouse.Core.Reports.QueueStats;
using RcWarehouse.Warehouse.SqlServer;
using RcWarehouse.Warehouse.Staging;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

public sealed class StageDataReaderTests
{
    [Fact]
    public async Task ReadAsync_StreamsRowsWithTheBatchIdFirst()
    {
        // Given two rows, one with an empty queue name
        var rows = Rows(Row("Q1", "Sales"), Row("Q2", ""));
        await using var reader = new StageDataReader<QueueStatsRow>(QueueStatsStaging.Layout, 42, rows, TestContext.Current.CancellationToken);

        // Then the reader exposes load_batch_id plus every layout column, by name and ordinal
        Assert.Equal(QueueStatsStaging.Layout.Columns.Count + 1, reader.FieldCount);
        Assert.Equal("load_batch_id", reader.GetName(0));
        var queueName = reader.GetOrdinal("queue_name");
        Assert.Equal(typeof(string), reader.GetFieldType(queueName));

        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(42L, reader.GetInt64(0));
        Assert.Equal("Sales", reader.GetString(queueName));
        Assert.Equal(12.5m, reader.GetDecimal(reader.GetOrdinal("wait_dur_sec")));
        Assert.True(reader.IsDBNull(reader.GetOrdinal("completed_contacts")));

        Assert.True(reader.Read());
        Assert.True(reader.IsDBNull(queueName));
        Assert.Equal(DBNull.Value, reader.GetValue(queueName));

        Assert.False(await reader.ReadAsync(TestContext.Current.CancellationToken));
    }

    private static QueueStatsRow Row(string queueId, string queueName) => new()
    {
        IntervalStartUtc = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc),
        IntervalMinutes = 15,
        QueueId = queueId,
        QueueName = queueName,
        OffdDirectCallCnt = 1,
        OverflowInCallCnt = 0,
        AbandCallCnt = 0,
        OverflowOutCallCnt = 0,
        AnswCallCnt = 1,
        QueuedAndAnswCallDurSec = 1,
        QueuedAndAbandCallDurSec = 0,
        TalkingCallDurSec = 60,
        WrapUpDurSec = 10,
        QueuedAnswLongestQueDurSec = 1,
        QueuedAbandLongestQueDurSec = 0,
        AnsServicelevelCnt = 1,
        WaitDurSec = 12.5m,
        AbandShortCallCnt = 0,
        AbandWithinSlCnt = 0,
    };

    private static async IAsyncEnumerable<QueueStatsRow> Rows(params QueueStatsRow[] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }
}
