using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Loading;
using RcWarehouse.Cli.Sync;
using RcWarehouse.Core.Errors;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reference;
using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse.Loading;

namespace RcWarehouse.Cli.Commands;

public static class LoadFilesCommand
{
    private const int MaxWarningsPerFile = 20;

    private static readonly Argument<string[]> Paths = new("PATH")
    {
        Description = "Report files, or folders to walk (landed files with their .manifest.json sidecars, or hand-supplied files).",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string?> Report = new("--report")
    {
        Description = "agent-extended, queue-stats, segments or agent-stats (default: from the manifest).",
    };

    private static readonly Option<string?> Source = new("--source")
    {
        Description = "A configured source name or sub-account id the data belongs to (default: from the manifest).",
    };

    private static readonly Option<string?> TimeZone = new("--time-zone")
    {
        Description = "IANA zone the file's local interval times are in, e.g. America/New_York (default: from the manifest).",
    };

    private static readonly Option<string?> Format = new("--format")
    {
        Description = "csv, xml or json (default: from the manifest, else detected from the content).",
    };

    private static readonly Option<string?> From = new Option<string?>("--from")
    {
        Description = "Start (UTC, ISO 8601) of the window the file covers; with --to, the intervals it replaces.",
    }.UtcDate();

    private static readonly Option<string?> To = new Option<string?>("--to")
    {
        Description = "End (UTC, exclusive) of the window the file covers.",
    }.UtcDate();

    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command("load-files", "Load landed or hand-supplied report files; each file is one batch, published in one transaction.")
        {
            Paths, Report, Source, TimeZone, Format, From, To,
        };
        command.SetAction(action);
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.ParseResult;
        var source = parse.GetValue(Source) is { } named ? SourceSelection.ResolveOne(context.RingCxOptions, named) : default((string SubAccountId, string? SourceName)?);
        var options = new LoadFilesOptions(
            parse.GetValue(Paths) ?? [],
            ParseReport(parse.GetValue(Report)),
            source?.SubAccountId,
            parse.GetValue(TimeZone),
            ParseFormat(parse.GetValue(Format)),
            ParseWindow(parse.GetValue(From), parse.GetValue(To)),
            source?.SourceName);
        var plan = await FileLoadPlanner.PlanAsync(options, cancellationToken);
        var requests = plan.Files;
        foreach (var note in plan.Notes)
        {
            await context.Console.Out.WriteLineAsync($"note: {note}");
        }

        var logger = context.LoggerFactory.CreateLogger("load-files");
        await using var warehouse = context.CreateWarehouse();
        await warehouse.EnsureSchemaCurrentAsync(cancellationToken);
        foreach (var snapshot in plan.ReferenceSnapshots)
        {
            var read = await ReferenceFileReader.ReadSnapshotAsync(snapshot.SourceId, snapshot.Files, cancellationToken);
            var loaded = await warehouse.LoadReferenceAsync(read with { SourceName = snapshot.SourceName }, cancellationToken);
            await context.Console.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"loaded reference snapshot of {snapshot.SourceId} as of {loaded.AsOfUtc:yyyy-MM-ddTHH:mm:ss}Z ({snapshot.Files.Count} file(s)): {read.Agents.Count} agents, {read.Queues.Count} queues, {loaded.Changes} change(s){(loaded.Stale ? " (older than the last snapshot: skipped)" : "")}, batch {loaded.LoadBatchId}"));
        }

        foreach (var request in requests)
        {
            // A file's warnings (unknown columns) are told once it has loaded: when it is refused, its one error line
            // is what the operator needs, not notes about columns of a file that was not loaded.
            var warnings = new List<string>();
            var result = await ReportFileLoader.LoadAsync(
                warehouse, request, warning => warnings.Add(ErrorText.Bound(warning)), cancellationToken);
            foreach (var warning in warnings.Take(MaxWarningsPerFile))
            {
                logger.LogWarning("{Warning}", warning);
            }

            await context.Console.Out.WriteLineAsync(
                $"loaded {request.FilePath}: {request.Report.ToName()} for source {request.SourceId}, "
                + $"{result.RowsLoaded} rows, window {result.Window?.ToString() ?? "(empty file)"}, batch {result.LoadBatchId}"
                + (result.RowsIgnored > 0 ? $" ({result.RowsIgnored} rows outside the requested window not loaded)" : ""));
        }

        await context.Console.Out.WriteLineAsync(plan.ReferenceSnapshots.Count > 0
            ? $"{plan.ReferenceSnapshots.Count} reference snapshot(s) and {requests.Count} file(s) loaded"
            : $"{requests.Count} file(s) loaded");
        return ExitCodes.Success;
    }

    private static ReportKind? ParseReport(string? value) =>
        value is null ? null
        : ReportKindNames.TryParse(value, out var kind) ? kind
        : throw new UsageException($"--report '{value}': expected agent-extended, queue-stats, segments or agent-stats");

    private static ReportFormat? ParseFormat(string? value) =>
        value is null ? null
        : Enum.TryParse<ReportFormat>(value, ignoreCase: true, out var format) && !int.TryParse(value, CultureInfo.InvariantCulture, out _) ? format
        : throw new UsageException($"--format '{value}': expected csv, xml or json");

    private static UtcWindow? ParseWindow(string? from, string? to)
    {
        if (from is null && to is null)
        {
            return null;
        }

        if (from is null || to is null)
        {
            throw new UsageException("--from and --to go together");
        }

        var start = CommandValues.ParseUtc("--from", from);
        var end = CommandValues.ParseUtc("--to", to);
        return end > start ? new UtcWindow(start, end) : throw new UsageException("--to must be after --from");
    }
}
