using RcWarehouse.RingCx.Landing;
using RcWarehouse.Warehouse;

namespace RcWarehouse.Cli.Sync;

/// <summary>One sub-account's reference sync: the landed answers and, when loaded, what the load changed.</summary>
public sealed record ReferenceSyncResult(string SourceName, string SubAccountId, IReadOnlyList<LandedFile> Files, ReferenceLoadResult? Load);
