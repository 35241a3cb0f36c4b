using RcWarehouse.Core.Parsing;

namespace RcWarehouse.Core.Reports.QueueStats;

/// <summary>The XML form of this report; the mechanics are shared with the other aggregate report through the schema.</summary>
internal static class QueueStatsXmlParser
{
    public static IAsyncEnumerable<QueueStatsRow> ReadAsync(ReportFileContext context, CancellationToken cancellationToken = default) =>
        AggregateXmlReader.ReadAsync(context, QueueStatsSchema.Instance, cancellationToken);
}
