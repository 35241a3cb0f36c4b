namespace RcWarehouse.RingCx.Landing;

/// <summary>A landed file no longer matches its manifest (edited, truncated or replaced): it must not be loaded.</summary>
public sealed class LandingVerificationException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string FilePath { get; } = path;
}
