namespace RcWarehouse.RingCx.Recordings;

/// <summary>A content-addressed landed file: full path, path relative to the landing root (forward slashes), hash and size.</summary>
public sealed record ContentLandedFile(string Path, string RelativePath, string Sha256, long ByteCount);
