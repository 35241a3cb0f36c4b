using System.Security.Cryptography;

namespace RcWarehouse.Core.Landing;

public static class FileHashes
{
    /// <summary>Lower-case hex SHA-256 of a file, read as a stream.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return Convert.ToHexStringLower(hash);
    }
}
