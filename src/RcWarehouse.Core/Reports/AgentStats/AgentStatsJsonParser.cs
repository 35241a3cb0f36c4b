using RcWarehouse.Core.Parsing;

namespace RcWarehouse.Core.Reports.AgentStats;

/// <summary>The JSON form of this report; the mechanics are shared with the other aggregate reports through the schema.</summary>
internal static class AgentStatsJsonParser
{
    public static IAsyncEnumerable<AgentStatsRow> ReadAsync(ReportFileContext context, CancellationToken cancellationToken = default) =>
        AggregateJsonReader.ReadAsync(context, AgentStatsSchema.Instance, cancellationToken);
}
