using System.Text.Json;

namespace RcWarehouse.Core.Landing;

/// <summary>
/// The sidecar written next to every landed file as <c>{file}.manifest.json</c>. It says everything a load needs
/// (report, source, window, time zone, format) so that any landed file can be loaded again without the API.
/// It never holds a secret: the request is recorded as method, path and body only.
/// </summary>
public sealed record LandingManifest
{
    public const string Suffix = ".manifest.json";

    public int ManifestVersion { get; init; } = 1;

    /// <summary>Report name as in <see cref="Reports.ReportKindNames"/> (agent-extended, queue-stats, segments, agent-stats), or a reference-data name.</summary>
    public required string Report { get; init; }

    /// <summary>The RingCX sub-account id the data belongs to.</summary>
    public required string SourceId { get; init; }

    public string? SourceName { get; init; }

    public string? MainAccountId { get; init; }

    /// <summary><c>Legacy</c> or <c>Cx</c>.</summary>
    public required string ApiGeneration { get; init; }

    /// <summary><c>csv</c>, <c>xml</c> or <c>json</c>.</summary>
    public required string Format { get; init; }

    /// <summary>IANA or Windows id of the zone the report's local times are in.</summary>
    public required string TimeZone { get; init; }

    public required DateTime WindowStartUtc { get; init; }

    public required DateTime WindowEndUtc { get; init; }

    /// <summary>
    /// Where the settled part of the window ends, when it ends before <see cref="WindowEndUtc"/> (a legacy aggregate
    /// answer runs up to the moment it was served): the watermark advances no further than this.
    /// </summary>
    public DateTime? SettledUntilUtc { get; init; }

    public required string FetchId { get; init; }

    public required DateTime FetchedAtUtc { get; init; }

    /// <summary>The landed file's name, relative to the manifest's folder.</summary>
    public required string FileName { get; init; }

    public required long ByteCount { get; init; }

    /// <summary>Lower-case hex SHA-256 of the landed bytes.</summary>
    public required string Sha256 { get; init; }

    public string? RequestMethod { get; init; }

    public string? RequestPath { get; init; }

    public string? RequestBody { get; init; }

    public static string PathFor(string landedFilePath) => landedFilePath + Suffix;

    public static async Task<LandingManifest> ReadAsync(string manifestPath, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(manifestPath);
        try
        {
            return await JsonSerializer.DeserializeAsync(stream, LandingManifestJson.Default.LandingManifest, cancellationToken)
                ?? throw new InvalidDataException($"{manifestPath}: the manifest is empty (null).");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{manifestPath}:{(ex.LineNumber ?? 0) + 1} at {ex.Path}: the manifest is not valid: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the manifest's JSON to <paramref name="stream"/> (the landing writes it under a temporary name, flushed, then moved into place).</summary>
    public Task WriteAsync(Stream stream, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(stream, this, LandingManifestJson.Default.LandingManifest, cancellationToken);
}
