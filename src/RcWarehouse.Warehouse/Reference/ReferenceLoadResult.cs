namespace RcWarehouse.Warehouse;

/// <summary>What a reference load changed. <see cref="Changes"/> is zero when the snapshot matched the warehouse.</summary>
public sealed record ReferenceLoadResult(
    long LoadBatchId,
    DateTime AsOfUtc,
    bool Stale,
    int AgentsAdded,
    int AgentsVersioned,
    int AgentsCompleted,
    int AgentsUpdated,
    int QueuesAdded,
    int QueuesVersioned,
    int QueuesCompleted,
    int SupervisorLinksChanged,
    int QueueMembershipsChanged,
    int SegmentsResolved)
{
    public int Changes =>
        AgentsAdded + AgentsVersioned + AgentsCompleted + AgentsUpdated + QueuesAdded + QueuesVersioned + QueuesCompleted
        + SupervisorLinksChanged + QueueMembershipsChanged + SegmentsResolved;
}
