using RcWarehouse.Warehouse.Loading;

namespace RcWarehouse.Cli.Loading;

/// <summary>
/// What <c>load-files</c> will do: reference snapshots first (oldest first, so report rows find the members they name),
/// then report files in fetch order, and notes on what it leaves out and why.
/// </summary>
public sealed record FileLoadPlan(IReadOnlyList<ReferenceSnapshotFiles> ReferenceSnapshots, IReadOnlyList<FileLoadRequest> Files, IReadOnlyList<string> Notes);
