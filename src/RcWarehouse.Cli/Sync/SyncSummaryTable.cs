using Spectre.Console;

namespace RcWarehouse.Cli.Sync;

/// <summary>What a pull did, one line per source, sub-account and report.</summary>
public static class SyncSummaryTable
{
    public static Task WriteAsync(TextWriter writer, IReadOnlyList<SyncedFile> files)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        var table = new Table().AddColumns("source", "sub-account", "report", "files", "bytes", "rows loaded", "rows outside the window");
        foreach (var group in files
                     .GroupBy(f => (f.SourceName, f.SubAccountId, f.File.Manifest.Report))
                     .OrderBy(g => g.Key.SourceName, StringComparer.Ordinal)
                     .ThenBy(g => g.Key.SubAccountId, StringComparer.Ordinal)
                     .ThenBy(g => g.Key.Report, StringComparer.Ordinal))
        {
            var loaded = group.All(f => f.Load is null) ? "-" : group.Sum(f => f.Load?.RowsLoaded ?? 0).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

            // A legacy answer runs past the requested window; what lies outside it stays in the landed file, unloaded.
            var ignored = group.All(f => f.Load is null) ? "-" : group.Sum(f => f.Load?.RowsIgnored ?? 0).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            table.AddRow(
                group.Key.SourceName,
                group.Key.SubAccountId,
                group.Key.Report,
                group.Count().ToString(System.Globalization.CultureInfo.InvariantCulture),
                group.Sum(f => f.File.Manifest.ByteCount).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                loaded,
                ignored);
        }

        console.Write(table);
        return writer.WriteLineAsync($"{files.Count} file(s) landed" + (files.Any(f => f.Load is not null) ? " and loaded" : ""));
    }
}
