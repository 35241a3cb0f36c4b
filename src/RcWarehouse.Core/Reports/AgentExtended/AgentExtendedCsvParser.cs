using RcWarehouse.Core.Parsing;

namespace RcWarehouse.Core.Reports.AgentExtended;

/// <summary>The CSV form of this report; the mechanics are shared with the other aggregate report through the schema.</summary>
internal static class AgentExtendedCsvParser
{
    public static IAsyncEnumerable<AgentExtendedRow> ReadAsync(ReportFileContext context, CancellationToken cancellationToken = default) =>
        AggregateCsvReader.ReadAsync(context, AgentExtendedSchema.Instance, cancellationToken);
}
