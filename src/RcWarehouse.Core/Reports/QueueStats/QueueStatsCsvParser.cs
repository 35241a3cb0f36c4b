using RcWarehouse.Core.Parsing;

namespace RcWarehouse.Core.Reports.QueueStats;

/// <summary>The CSV form of this report; the mechanics are shared with the other aggregate report through the schema.</summary>
internal static class QueueStatsCsvParser
{
    public static IAsyncEnumerable<QueueStatsRow> ReadAsync(ReportFileContext context, CancellationToken cancellationToken = default) =>
        AggregateCsvReader.ReadAsync(context, QueueStatsSchema.Instance, cancellationToken);
}
