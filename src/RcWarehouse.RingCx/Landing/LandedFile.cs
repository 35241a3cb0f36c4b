using RcWarehouse.Core.Landing;

namespace RcWarehouse.RingCx.Landing;

/// <summary>A landed answer: the file, its sidecar manifest (at <see cref="ManifestPath"/>) and what it holds.</summary>
public sealed record LandedFile(string Path, LandingManifest Manifest)
{
    public string ManifestPath => LandingManifest.PathFor(Path);
}
