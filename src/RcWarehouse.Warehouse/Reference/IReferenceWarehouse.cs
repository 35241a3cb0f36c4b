using RcWarehouse.Core.Reference;

namespace RcWarehouse.Warehouse;

/// <summary>Turns reference snapshots (agents, supervisors, queues, memberships) into type-2 dimension versions.</summary>
public interface IReferenceWarehouse
{
    /// <summary>
    /// In one transaction: agents and queues become <c>dim_agent</c> / <c>dim_queue</c> versions (a change of name,
    /// group, type, active flag or supervisors closes the current version at <see cref="ReferenceSnapshot.AsOfUtc"/> and
    /// opens a new one; an inferred member is completed in place), supervisor and queue memberships get validity in
    /// the bridges, and legacy segments waiting for their agent are resolved through rcUserId. Recorded in
    /// <c>etl.load_batch</c> as report <c>reference</c>. The same snapshot twice changes nothing; a snapshot older than
    /// the newest one applied to the source is skipped (<see cref="ReferenceLoadResult.Stale"/>).
    /// </summary>
    Task<ReferenceLoadResult> LoadReferenceAsync(ReferenceSnapshot snapshot, CancellationToken cancellationToken);
}
