using RcWarehouse.Core.Parsing;

namespace RcWarehouse.Core.Reports.QueueStats;

/// <summary>The JSON form of this report; the mechanics are shared with the other aggregate report through the schema.</summary>
internal static class QueueStatsJsonParser
{
    public static IAsyncEnumerable<QueueStatsRow> ReadAsync(ReportFileContext context, CancellationToken cancellationToken = default) =>
        AggregateJsonReader.ReadAsync(context, QueueStatsSchema.Instance, cancellationToken);
}
