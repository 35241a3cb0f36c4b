using RcWarehouse.Core.Parsing;

namespace RcWarehouse.Core.Reports.AgentExtended;

/// <summary>The XML form of this report; the mechanics are shared with the other aggregate report through the schema.</summary>
internal static class AgentExtendedXmlParser
{
    public static IAsyncEnumerable<AgentExtendedRow> ReadAsync(ReportFileContext context, CancellationToken cancellationToken = default) =>
        AggregateXmlReader.ReadAsync(context, AgentExtendedSchema.Instance, cancellationToken);
}
