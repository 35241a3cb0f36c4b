using System.Globalization;
using System.Security.Cryptography;
using RcWarehouse.Core.Landing;

namespace RcWarehouse.RingCx.Landing;

/// <summary>
/// The immutable store of raw answers:
/// <c>{root}/{source}/{report}/{yyyy}/{MM}/{dd}/{windowStartUtc:yyyyMMddTHHmm}_{fetchId}.{csv|xml|json}</c> plus
/// <c>{file}.manifest.json</c>. Each is written under a temporary name and renamed into place, so a reader never sees a
/// partial file, and a file that exists is never overwritten: a re-fetch lands a new file with a new fetch id.
/// The manifest appears after its file, so a manifest always has a complete file next to it.
/// </summary>
public sealed class LandingZone(string rootPath, TimeProvider time)
{
    public string RootPath { get; } = Path.GetFullPath(rootPath);

    public async Task<LandedFile> LandAsync(LandingRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fetchedAt = time.GetUtcNow().UtcDateTime;
        var fetchId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var start = request.WindowStartUtc;
        var folder = Path.Combine(RootPath, Safe(request.SourceName), Safe(request.Report),
            start.ToString("yyyy", CultureInfo.InvariantCulture), start.ToString("MM", CultureInfo.InvariantCulture), start.ToString("dd", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var fileName = $"{start.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture)}_{fetchId}.{request.Format.ToLowerInvariant()}";
        var path = Path.Combine(folder, fileName);

        await LandedFileWrite.WriteNewAsync(path, async stream => await stream.WriteAsync(body, cancellationToken), sameBytesMayExist: false, cancellationToken);

        var manifest = new LandingManifest
        {
            Report = request.Report,
            SourceId = request.SubAccountId,
            SourceName = request.SourceName,
            MainAccountId = request.MainAccountId,
            ApiGeneration = request.ApiGeneration,
            Format = request.Format.ToLowerInvariant(),
            TimeZone = request.TimeZone,
            WindowStartUtc = request.WindowStartUtc,
            WindowEndUtc = request.WindowEndUtc,
            SettledUntilUtc = request.SettledUntilUtc,
            FetchId = fetchId,
            FetchedAtUtc = fetchedAt,
            FileName = fileName,
            ByteCount = body.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(body.Span)),
            RequestMethod = request.RequestMethod,
            RequestPath = request.RequestPath,
            RequestBody = request.RequestBody,
        };
        await LandedFileWrite.WriteNewAsync(
            LandingManifest.PathFor(path), stream => manifest.WriteAsync(stream, cancellationToken), sameBytesMayExist: false, cancellationToken);

        return new LandedFile(path, manifest);
    }

    /// <summary>
    /// Recomputes the landed file's SHA-256 and size and compares them with its manifest; run before every load.
    /// Throws <see cref="LandingVerificationException"/> naming the file when they differ or the manifest is missing.
    /// </summary>
    public static async Task<LandingManifest> VerifyAsync(string landedFilePath, CancellationToken cancellationToken)
    {
        var manifestPath = LandingManifest.PathFor(landedFilePath);
        if (!File.Exists(landedFilePath))
        {
            throw new LandingVerificationException(landedFilePath, "the landed file is missing.");
        }

        if (!File.Exists(manifestPath))
        {
            throw new LandingVerificationException(landedFilePath, $"its manifest {Path.GetFileName(manifestPath)} is missing.");
        }

        var manifest = await LandingManifest.ReadAsync(manifestPath, cancellationToken);
        await using var stream = File.OpenRead(landedFilePath);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        if (stream.Length != manifest.ByteCount || !string.Equals(hash, manifest.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new LandingVerificationException(landedFilePath,
                $"the file does not match its manifest (SHA-256 {hash}, {stream.Length} bytes; manifest says {manifest.Sha256}, {manifest.ByteCount} bytes). It was changed after landing: re-fetch it rather than load it.");
        }

        return manifest;
    }

    /// <summary>A name usable as one path segment on every OS.</summary>
    private static string Safe(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var cleaned = new string([.. name.Trim().Select(c => invalid.Contains(c) || c is '/' or '\\' or ':' ? '_' : c)]);
        return cleaned.Length == 0 || cleaned is "." or ".." ? "_" : cleaned;
    }
}
