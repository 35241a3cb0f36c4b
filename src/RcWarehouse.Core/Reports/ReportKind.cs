namespace RcWarehouse.Core.Reports;

/// <summary>The integration reports RcWarehouse loads. The CLI names are <c>agent-extended</c>, <c>queue-stats</c>, <c>segments</c>, <c>agent-stats</c>.</summary>
public enum ReportKind
{
    AgentExtended,
    QueueStats,
    Segments,
    AgentStats,
}
