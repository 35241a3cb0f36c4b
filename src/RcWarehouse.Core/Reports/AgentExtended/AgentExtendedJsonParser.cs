using RcWarehouse.Core.Parsing;

namespace RcWarehouse.Core.Reports.AgentExtended;

/// <summary>The JSON form of this report; the mechanics are shared with the other aggregate report through the schema.</summary>
internal static class AgentExtendedJsonParser
{
    public static IAsyncEnumerable<AgentExtendedRow> ReadAsync(ReportFileContext context, CancellationToken cancellationToken = default) =>
        AggregateJsonReader.ReadAsync(context, AgentExtendedSchema.Instance, cancellationToken);
}
