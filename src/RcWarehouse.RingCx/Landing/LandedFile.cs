using RcWarehouse.Core.Landing;

namespace RcWarehouse.RingCx.Landing;

/// <summary>A landed answer: the file, its sidecar manifest (at <see cref="ManifestPath"/>) and what it holds.</summary>
public sealed record LandedFile(string Path, LandingManifest Manifest)
{
    public string ManifestPath => LandingManifest.PathFor(Path);

    /// <summary>
    /// Intervals before this instant were complete and settled when fetched (the planned window's end): where a
    /// watermark may advance to. A legacy aggregate file runs further (to its fetch time, see the manifest window);
    /// its later intervals are provisional and will be fetched again. Null for reference data.
    /// </summary>
    public DateTime? SettledUntilUtc { get; init; }
}
