using RcWarehouse.RingCx.Landing;
using RcWarehouse.Warehouse;

namespace RcWarehouse.Cli.Sync;

/// <summary>A landed answer and, when it was loaded, the batch that published it.</summary>
public sealed record SyncedFile(string SourceName, string SubAccountId, LandedFile File, LoadResult? Load);
