using RcWarehouse.Core.Parsing;

namespace RcWarehouse.Core.Reports.AgentStats;

/// <summary>The CSV form of this report; the mechanics are shared with the other aggregate reports through the schema.</summary>
internal static class AgentStatsCsvParser
{
    public static IAsyncEnumerable<AgentStatsRow> ReadAsync(ReportFileContext context, CancellationToken cancellationToken = default) =>
        AggregateCsvReader.ReadAsync(context, AgentStatsSchema.Instance, cancellationToken);
}
