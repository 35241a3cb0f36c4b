using System.Globalization;
using System.Security.Cryptography;
using RcWarehouse.Core.Landing;
using RcWarehouse.RingCx.Landing;

namespace RcWarehouse.RingCx.Recordings;

/// <summary>
/// Lands bytes by their content: <c>{root}/{folder}/{sha256}.{extension}</c> with the usual sidecar manifest. The same
/// bytes land once, whoever fetches them and however often; a file is written under a temporary name, flushed and
/// renamed (never overwritten), then its manifest the same way, so a crash leaves either nothing or a complete file.
/// An existing file is checked against its hash before it is trusted.
/// </summary>
public sealed class ContentAddressedLanding(string rootPath, TimeProvider time)
{
    public string RootPath { get; } = Path.GetFullPath(rootPath);

    /// <summary>The full path of a path relative to the root (as recorded in the warehouse).</summary>
    public string FullPath(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        return Path.GetFullPath(Path.Combine(RootPath, relativePath.Replace('/', Path.DirectorySeparatorChar)));
    }

    /// <param name="folder">Sub-folder of the root (<c>recordings</c>, <c>transcripts</c>).</param>
    /// <param name="extension">File extension without the dot.</param>
    /// <param name="request">What the manifest records (the fetch that first produced these bytes).</param>
    /// <param name="body">The bytes.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public async Task<ContentLandedFile> LandAsync(string folder, string extension, LandingRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sha = Convert.ToHexStringLower(SHA256.HashData(body.Span));
        var fileName = $"{sha}.{extension}";
        var directory = Path.Combine(RootPath, folder);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        var relative = $"{folder}/{fileName}";

        if (File.Exists(path))
        {
            await CheckExistingAsync(path, sha, body.Length, cancellationToken);
        }
        else
        {
            await LandedFileWrite.WriteNewAsync(path, async stream => await stream.WriteAsync(body, cancellationToken), sameBytesMayExist: true, cancellationToken);
        }

        await WriteManifestAsync(path, fileName, extension, request, sha, body.Length, cancellationToken);
        return new ContentLandedFile(path, relative, sha, body.Length);
    }

    /// <summary>
    /// A new temporary file in <paramref name="folder"/> (created, empty) for a body too large to hold in memory: the
    /// caller writes it, then hands it to <see cref="LandFileAsync"/>. Its name starts with a dot and ends in .tmp,
    /// like every temporary file of the landing, and the caller deletes it if it does not get that far.
    /// </summary>
    public string NewTempFile(string folder)
    {
        var directory = Path.Combine(RootPath, folder);
        Directory.CreateDirectory(directory);
        var temp = LandedFileWrite.TempName(Path.Combine(directory, "incoming"));
        using (new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
        }

        return temp;
    }

    /// <summary>
    /// Deletes the temporary files (<c>.*.tmp</c>) of <paramref name="folder"/> not written to since
    /// <paramref name="olderThanUtc"/>: what a run killed mid-download or mid-write leaves behind. A download in progress
    /// writes its file continuously, so a file untouched for that long belongs to no live run. Returns how many files
    /// and bytes were removed.
    /// </summary>
    public (int Files, long Bytes) DeleteAbandonedTempFiles(string folder, DateTime olderThanUtc)
    {
        var directory = Path.Combine(RootPath, folder);
        if (!Directory.Exists(directory))
        {
            return (0, 0);
        }

        var files = 0;
        long bytes = 0;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles(".*.tmp"))
        {
            if (file.LastWriteTimeUtc < olderThanUtc)
            {
                var length = file.Length;
                file.Delete();
                files++;
                bytes += length;
            }
        }

        return (files, bytes);
    }

    /// <summary>
    /// Lands a complete temporary file (from <see cref="NewTempFile"/>, flushed and closed) whose SHA-256 and length
    /// the caller computed while writing it: renamed to <c>{folder}/{sha256}.{extension}</c>, or, when that content
    /// has landed before, the existing file is verified and the temporary one deleted. Then the manifest, as
    /// <see cref="LandAsync"/>.
    /// </summary>
    public async Task<ContentLandedFile> LandFileAsync(
        string folder, string extension, LandingRequest request, string tempPath, string sha256, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fileName = $"{sha256}.{extension}";
        var directory = Path.Combine(RootPath, folder);
        var path = Path.Combine(directory, fileName);
        if (!string.Equals(Path.GetDirectoryName(Path.GetFullPath(tempPath)), directory, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{tempPath} is not a temporary file of {directory}", nameof(tempPath));
        }

        try
        {
            if (File.Exists(path))
            {
                await CheckExistingAsync(path, sha256, length, cancellationToken);
            }
            else
            {
                LandedFileWrite.MoveIntoPlace(tempPath, path, sameBytesMayExist: true);
            }
        }
        finally
        {
            File.Delete(tempPath);
        }

        await WriteManifestAsync(path, fileName, extension, request, sha256, length, cancellationToken);
        return new ContentLandedFile(path, $"{folder}/{fileName}", sha256, length);
    }

    private async Task WriteManifestAsync(string path, string fileName, string extension, LandingRequest request, string sha, long length, CancellationToken cancellationToken)
    {
        var manifestPath = LandingManifest.PathFor(path);
        if (!File.Exists(manifestPath))
        {
            var manifest = new LandingManifest
            {
                Report = request.Report,
                SourceId = request.SubAccountId,
                SourceName = request.SourceName,
                MainAccountId = request.MainAccountId,
                ApiGeneration = request.ApiGeneration,
                Format = extension,
                TimeZone = request.TimeZone,
                WindowStartUtc = request.WindowStartUtc,
                WindowEndUtc = request.WindowEndUtc,
                FetchId = sha[..12],
                FetchedAtUtc = time.GetUtcNow().UtcDateTime,
                FileName = fileName,
                ByteCount = length,
                Sha256 = sha,
                RequestMethod = request.RequestMethod,
                RequestPath = request.RequestPath,
            };
            await LandedFileWrite.WriteNewAsync(manifestPath, stream => manifest.WriteAsync(stream, cancellationToken), sameBytesMayExist: true, cancellationToken);
        }
    }

    private static async Task CheckExistingAsync(string path, string sha, long length, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var existing = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        if (stream.Length != length || existing != sha)
        {
            throw new LandingVerificationException(path, string.Create(CultureInfo.InvariantCulture,
                $"a landed file named for SHA-256 {sha} holds other bytes ({stream.Length} bytes, SHA-256 {existing}): it was changed after landing; move it aside and fetch again."));
        }
    }
}
