using RcWarehouse.Core.Parsing;

namespace RcWarehouse.Core.Reports.AgentStats;

/// <summary>The XML form of this report; the mechanics are shared with the other aggregate reports through the schema.</summary>
internal static class AgentStatsXmlParser
{
    public static IAsyncEnumerable<AgentStatsRow> ReadAsync(ReportFileContext context, CancellationToken cancellationToken = default) =>
        AggregateXmlReader.ReadAsync(context, AgentStatsSchema.Instance, cancellationToken);
}
