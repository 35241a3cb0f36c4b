namespace RcWarehouse.Core.Reports;

/// <summary>The stable text names of reports, used on the command line, in manifests and in <c>etl.load_batch.report</c>.</summary>
public static class ReportKindNames
{
    public const string AgentExtended = "agent-extended";
    public const string QueueStats = "queue-stats";
    public const string Segments = "segments";
    public const string AgentStats = "agent-stats";

    public static IReadOnlyList<ReportKind> All { get; } = [ReportKind.AgentExtended, ReportKind.QueueStats, ReportKind.Segments, ReportKind.AgentStats];

    public static string ToName(this ReportKind kind) => kind switch
    {
        ReportKind.AgentExtended => AgentExtended,
        ReportKind.QueueStats => QueueStats,
        ReportKind.Segments => Segments,
        ReportKind.AgentStats => AgentStats,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? name, out ReportKind kind)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case AgentExtended or "agent-extended-stats" or "aggagentextendedstats":
                kind = ReportKind.AgentExtended;
                return true;
            case QueueStats or "aggqueuestats":
                kind = ReportKind.QueueStats;
                return true;
            case Segments or "interaction-metadata" or "interactionmetadata":
                kind = ReportKind.Segments;
                return true;
            case AgentStats or "agg-agent-stats" or "aggagentstats":
                kind = ReportKind.AgentStats;
                return true;
            default:
                kind = default;
                return false;
        }
    }
}
