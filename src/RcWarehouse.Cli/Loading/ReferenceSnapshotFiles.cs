using RcWarehouse.Core.Landing;

namespace RcWarehouse.Cli.Loading;

/// <summary>The landed reference answers of one sub-account that one <c>sync-reference</c> run took together.</summary>
public sealed record ReferenceSnapshotFiles(string SourceId, string? SourceName, DateTime FirstFetchedUtc, IReadOnlyList<(string Path, LandingManifest Manifest)> Files);
