using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Landing;
using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse.Loading;

namespace RcWarehouse.Cli.Loading;

/// <summary>
/// Turns the paths of <c>load-files</c> into one load request per data file. A directory is walked for
/// <c>.csv</c>, <c>.xml</c> and <c>.json</c> files (manifests excluded). Report, source, time zone, format and window
/// come from the command line when given, else from the file's sidecar manifest; a file with neither is refused
/// before anything is loaded.
/// </summary>
public static class FileLoadPlanner
{
    private static readonly string[] DataExtensions = [".csv", ".xml", ".json"];

    public static async Task<IReadOnlyList<FileLoadRequest>> PlanAsync(LoadFilesOptions options, CancellationToken cancellationToken)
    {
        if (options.Paths.Count == 0)
        {
            throw new UsageException("load-files needs at least one file or folder");
        }

        var files = options.Paths.SelectMany(Expand).Distinct(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new UsageException($"no .csv, .xml or .json files under {string.Join(", ", options.Paths)}");
        }

        var planned = new List<(FileLoadRequest Request, DateTime Order)>(files.Count);
        foreach (var file in files)
        {
            var manifestPath = LandingManifest.PathFor(file);
            var manifest = File.Exists(manifestPath) ? await LandingManifest.ReadAsync(manifestPath, cancellationToken) : null;
            planned.Add((Resolve(file, manifest, options), manifest?.FetchedAtUtc ?? DateTime.MinValue));
        }

        // Landed files are loaded in fetch order, so that a re-fetch of a window replaces the older answer, never the reverse.
        return planned.OrderBy(p => p.Order).ThenBy(p => p.Request.FilePath, StringComparer.Ordinal).Select(p => p.Request).ToList();
    }

    /// <summary>The load request a landed file's manifest describes on its own.</summary>
    public static FileLoadRequest FromManifest(string file, LandingManifest manifest) =>
        Resolve(Path.GetFullPath(file), manifest, NoOverrides);

    private static readonly LoadFilesOptions NoOverrides = new([], null, null, null, null, null);

    private static IEnumerable<string> Expand(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Select(Path.GetFullPath)
                .Where(IsDataFile)
                .Order(StringComparer.Ordinal);
        }

        if (File.Exists(path))
        {
            return [Path.GetFullPath(path)];
        }

        throw new UsageException($"{path}: no such file or folder");
    }

    private static bool IsDataFile(string path) =>
        !path.EndsWith(LandingManifest.Suffix, StringComparison.OrdinalIgnoreCase)
        && DataExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)
        && !Path.GetFileName(path).StartsWith('.');

    private static FileLoadRequest Resolve(string file, LandingManifest? manifest, LoadFilesOptions options)
    {
        var report = options.Report ?? ReportFromManifest(file, manifest)
            ?? throw new UsageException($"{file}: no manifest, so --report is required (agent-extended, queue-stats or segments)");
        var sourceId = options.SourceId ?? manifest?.SourceId
            ?? throw new UsageException($"{file}: no manifest, so --source (the sub-account id) is required");
        var zoneId = options.TimeZone ?? manifest?.TimeZone
            ?? throw new UsageException($"{file}: no manifest, so --time-zone is required (an IANA zone such as America/New_York, or UTC)");
        TimeZoneInfo zone;
        try
        {
            zone = TimeZones.Find(zoneId);
        }
        catch (TimeZoneNotFoundException ex)
        {
            throw new UsageException($"{file}: {ex.Message}");
        }

        var format = options.Format ?? FormatFromManifest(file, manifest);
        var window = options.Window ?? (manifest is null ? null : new UtcWindow(Utc(manifest.WindowStartUtc), Utc(manifest.WindowEndUtc)));
        return new FileLoadRequest(file, sourceId, report, zone, format, window, manifest?.Sha256, manifest?.SourceName, manifest?.SettledUntilUtc);
    }

    private static ReportKind? ReportFromManifest(string file, LandingManifest? manifest)
    {
        if (manifest is null)
        {
            return null;
        }

        return ReportKindNames.TryParse(manifest.Report, out var kind)
            ? kind
            : throw new UsageException($"{file}: its manifest names report '{manifest.Report}', which load-files does not load");
    }

    private static ReportFormat? FormatFromManifest(string file, LandingManifest? manifest)
    {
        if (manifest is null)
        {
            return null;
        }

        return Enum.TryParse<ReportFormat>(manifest.Format, ignoreCase: true, out var format)
            ? format
            : throw new UsageException($"{file}: its manifest names format '{manifest.Format}'; expected csv, xml or json");
    }

    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
