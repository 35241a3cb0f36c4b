using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Landing;
using RcWarehouse.Core.Reference;
using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse.Loading;

namespace RcWarehouse.Cli.Loading;

/// <summary>
/// Turns the paths of <c>load-files</c> into one load request per data file. A directory is walked for
/// <c>.csv</c>, <c>.xml</c> and <c>.json</c> files (manifests excluded). Report, source, time zone, format and window
/// come from the command line when given, else from the file's sidecar manifest; a file with neither is refused
/// before anything is loaded. Landed reference answers (what <c>sync-reference</c> lands) are grouped into the
/// snapshots they were taken as: per sub-account, one snapshot from each <c>agent-groups</c> answer up to the next.
/// </summary>
public static class FileLoadPlanner
{
    private static readonly string[] DataExtensions = [".csv", ".xml", ".json"];

    public static async Task<FileLoadPlan> PlanAsync(LoadFilesOptions options, CancellationToken cancellationToken)
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
        var reference = new List<(string Path, LandingManifest Manifest)>();
        var notes = new List<string>();
        var accountLevel = 0;
        var otherReports = 0;
        var archived = 0;
        foreach (var file in files)
        {
            // The recording archive's transcripts and crash receipts are JSON too, but not reports: `recordings` records them.
            if (file.EndsWith(".receipt.json", StringComparison.Ordinal))
            {
                archived++;
                continue;
            }

            var manifestPath = LandingManifest.PathFor(file);
            var manifest = File.Exists(manifestPath) ? await LandingManifest.ReadAsync(manifestPath, cancellationToken) : null;
            if (manifest is not null && manifest.Report is ("recording" or "transcript"))
            {
                archived++;
                continue;
            }
            if (manifest is not null && ReferenceFileKinds.TryParse(manifest.Report, out var kind))
            {
                if (kind == ReferenceFileKind.Users)
                {
                    accountLevel++;
                }
                else
                {
                    reference.Add((file, manifest));
                }

                continue;
            }

            if (manifest is not null && string.Equals(manifest.Report, SubAccountsReport, StringComparison.Ordinal))
            {
                accountLevel++;
                continue;
            }

            // On landed files --report narrows the load to that report; it only says what a file is when no manifest does.
            if (manifest is not null && options.Report is { } only
                && ReportKindNames.TryParse(manifest.Report, out var landedReport) && landedReport != only)
            {
                otherReports++;
                continue;
            }

            planned.Add((Resolve(file, manifest, options), manifest?.FetchedAtUtc ?? DateTime.MinValue));
        }

        var snapshots = Snapshots(reference);
        if (snapshots.Count > 0 && options.Report is not null)
        {
            notes.Add($"{snapshots.Count} reference snapshot(s) ({reference.Count} file(s)) not loaded: --report {options.Report.Value.ToName()} narrows the load to that report");
            snapshots = [];
        }

        if (otherReports > 0)
        {
            notes.Add($"{otherReports} landed file(s) of other reports not loaded: --report {options.Report!.Value.ToName()} narrows the load to that report");
        }

        if (archived > 0)
        {
            notes.Add($"{archived} archived recording/transcript file(s) not loaded: the recordings command records them in fact_recording / fact_transcript");
        }

        if (accountLevel > 0)
        {
            notes.Add($"{accountLevel} account-level reference file(s) (integration users, sub-account lists) not loaded: the warehouse keeps no dimension for them");
        }

        // Landed files are loaded in fetch order, so that a re-fetch of a window replaces the older answer, never the reverse.
        var requests = planned.OrderBy(p => p.Order).ThenBy(p => p.Request.FilePath, StringComparer.Ordinal).Select(p => p.Request).ToList();
        return new FileLoadPlan(snapshots, requests, notes);
    }

    private const string SubAccountsReport = "sub-accounts";

    // sync-reference lands agent groups first, then each group's agents, then queue groups and their queues: a new
    // agent-groups answer of a sub-account starts its next snapshot.
    private static List<ReferenceSnapshotFiles> Snapshots(List<(string Path, LandingManifest Manifest)> files)
    {
        var snapshots = new List<ReferenceSnapshotFiles>();
        foreach (var source in files.GroupBy(f => f.Manifest.SourceId, StringComparer.Ordinal))
        {
            List<(string Path, LandingManifest Manifest)>? current = null;
            foreach (var file in source.OrderBy(f => f.Manifest.FetchedAtUtc).ThenBy(f => f.Path, StringComparer.Ordinal))
            {
                if (current is null || string.Equals(file.Manifest.Report, ReferenceFileKinds.AgentGroups, StringComparison.Ordinal))
                {
                    current = [];
                    snapshots.Add(new ReferenceSnapshotFiles(source.Key, file.Manifest.SourceName, Utc(file.Manifest.FetchedAtUtc), current));
                }

                current.Add(file);
            }
        }

        return [.. snapshots.OrderBy(s => s.FirstFetchedUtc).ThenBy(s => s.SourceId, StringComparer.Ordinal)];
    }

    /// <summary>The load request a landed file's manifest describes on its own.</summary>
    public static FileLoadRequest FromManifest(string file, LandingManifest manifest) =>
        Resolve(Path.GetFullPath(file), manifest, NoOverrides);

    private static readonly LoadFilesOptions NoOverrides = new([], null, null, null, null, null);

    /// <summary>
    /// The part of a landed file's window to publish, when it is narrower than the file: a legacy aggregate answer runs
    /// from the requested start to the moment it was served, and its manifest's <c>SettledUntilUtc</c> is where the
    /// requested, settled part ends. Null when the whole window is to be loaded.
    /// </summary>
    public static UtcWindow? LoadWindowOf(string file, LandingManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.SettledUntilUtc is not { } settled || Utc(settled) >= Utc(manifest.WindowEndUtc))
        {
            return null;
        }

        return Utc(settled) > Utc(manifest.WindowStartUtc)
            ? new UtcWindow(Utc(manifest.WindowStartUtc), Utc(settled))
            : throw new InvalidDataException($"{file}: its manifest says nothing of the window settled (settled until {settled:O}, window from {manifest.WindowStartUtc:O})");
    }

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
            ?? throw new UsageException($"{file}: no manifest, so --report is required (agent-extended, queue-stats, segments or agent-stats)");
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
        var loadWindow = options.Window is null && manifest is not null ? LoadWindowOf(file, manifest) : null;
        var sourceName = options.SourceId is null ? manifest?.SourceName : options.SourceName;
        return new FileLoadRequest(file, sourceId, report, zone, format, window, manifest?.Sha256, sourceName, manifest?.SettledUntilUtc, loadWindow);
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
