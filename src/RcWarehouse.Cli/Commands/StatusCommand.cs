using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Operations;
using RcWarehouse.Warehouse;
using Spectre.Console;

namespace RcWarehouse.Cli.Commands;

/// <summary><c>status</c>: per source and report the watermark, lag, batch outcomes and open failures; <c>--json</c> for scripts.</summary>
public static class StatusCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Write the status as JSON (for scripts and monitoring)." };

    private static readonly Option<int> Last = new Option<int>("--last") { Description = "How many of the most recent batches to list (default 10).", DefaultValueFactory = _ => 10 }.Between(0, 10_000);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command("status", "Where each source and report stands: watermark, lag behind now, last batches, failed intervals.") { Json, Last };
        command.SetAction(action);
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await using var warehouse = context.CreateWarehouse();
        await warehouse.EnsureSchemaCurrentAsync(cancellationToken);
        var report = await StatusService.BuildAsync(warehouse, Options(context.Configuration), Recordings.RecordingsCommand.Options(context.Configuration), context.Time, context.ParseResult.GetValue(Last), cancellationToken);
        if (context.ParseResult.GetValue(Json))
        {
            await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(report, JsonOptions));
        }
        else
        {
            Render(context.Console.Out, report);
            RenderRecordingFailures(context.Console.Out, report, Recordings.RecordingsCommand.Options(context.Configuration).MaxAttempts);
        }

        return ExitCodes.Success;
    }

    public static OperationsOptions Options(IConfiguration configuration)
    {
        return ConfigurationBinding.Bind<OperationsOptions>(configuration, OperationsOptions.SectionName);
    }

    private static void Render(TextWriter writer, StatusReport report)
    {
        var console = TableConsole.For(writer);
        console.WriteLine($"status at {Utc(report.GeneratedUtc)}");
        foreach (var batch in report.AbandonedNow)
        {
            console.WriteLine($"batch {batch.LoadBatchId} was left running by a dead process and is now recorded as failed");
        }

        var table = new Table().AddColumns("source", "sub-account", "report", "watermark (UTC)", "lag", "complete through (UTC)", "last success (UTC)", "ok", "failed", "running", "open failures");
        foreach (var r in report.Reports)
        {
            table.AddRow(
                Markup.Escape(r.SourceName ?? "-"),
                Markup.Escape(r.SourceId),
                r.Report,
                Utc(r.WatermarkUtc),
                r.LagMinutes is { } lag ? Lag(lag) : "-",
                r.CompleteThroughUtc == r.WatermarkUtc ? Utc(r.CompleteThroughUtc) : Utc(r.CompleteThroughUtc) + " (gap)",
                Utc(r.LastSuccessUtc),
                Count(r.SucceededBatches),
                Count(r.FailedBatches),
                Count(r.RunningBatches),
                Count(r.OpenFailures));
        }

        console.Write(table);
        foreach (var source in report.Reference.Where(r => r.Missing))
        {
            console.WriteLine($"reference data missing for {source.SourceName ?? source.SourceId} ({source.SourceId}): facts credit inferred agents until sync-reference succeeds");
        }

        if (report.FailedIntervals.Count == 0)
        {
            console.WriteLine("no failed intervals");
        }
        else
        {
            console.WriteLine($"{report.FailedIntervals.Count} failed interval(s) (rerun --failed retries them; rerun --dismiss BATCH --reason \"...\" accepts one):");
            console.Write(FailureTable(report.FailedIntervals, dismissed: false));
        }

        if (report.DismissedFailures.Count > 0)
        {
            // Dismissals only accumulate: the table shows the latest few, --json has them all.
            var shown = report.DismissedFailures.OrderByDescending(f => f.DismissedUtc).Take(DismissedShown).OrderBy(f => f.LoadBatchId).ToList();
            console.WriteLine(shown.Count == report.DismissedFailures.Count
                ? $"{report.DismissedFailures.Count} dismissed failure(s) (accepted by an operator; they hold nothing back):"
                : $"{report.DismissedFailures.Count} dismissed failure(s) (accepted by an operator; they hold nothing back); the latest {shown.Count} (status --json lists all):");
            console.Write(FailureTable(shown, dismissed: true));
        }

        if (report.LastBatches.Count > 0)
        {
            console.WriteLine("last batches:");
            var last = new Table().AddColumns("batch", "sub-account", "report", "window (UTC)", "status", "rows", "finished (UTC)");
            foreach (var b in report.LastBatches)
            {
                last.AddRow(Count(b.LoadBatchId), Markup.Escape(b.SourceId), b.Report, Window(b), b.Status, b.RowsLoaded is { } rows ? Count(rows) : "-", Utc(b.FinishedUtc));
            }

            console.Write(last);
        }
    }

    private const int DismissedShown = 20;

    private static void RenderRecordingFailures(TextWriter writer, StatusReport report, int maxAttempts)
    {
        if (report.RecordingFailures.Count == 0)
        {
            return;
        }

        var console = TableConsole.For(writer);
        var counts = report.RecordingFailureCounts;
        var shown = counts.Failing > report.RecordingFailures.Count ? $"; the latest {report.RecordingFailures.Count} shown" : "";
        console.WriteLine($"{counts.Failing} recording/transcript fetch(es) failing ({counts.GivenUp} no longer tried after {maxAttempts} attempts (Recordings:MaxAttempts); the others are tried again on the next run{shown}):");
        var table = new Table().AddColumns("sub-account", "interaction", "segment", "artifact", "attempts", "last failed (UTC)", "error");
        foreach (var f in report.RecordingFailures)
        {
            table.AddRow(
                Markup.Escape(f.SubAccountId), Markup.Escape(f.InteractionId), Markup.Escape(f.SegmentId), f.Artifact, Count(f.Attempts), Utc(f.LastFailedUtc), Markup.Escape(f.Error));
        }

        console.Write(table);
    }

    private static Table FailureTable(IReadOnlyList<FailedWindowStatus> failures, bool dismissed)
    {
        var table = new Table().AddColumns("batch", "sub-account", "report", "window (UTC)", "failed in", "attempts", "landed file", dismissed ? "dismissed at" : "failed at", dismissed ? "reason" : "error");
        foreach (var f in failures)
        {
            table.AddRow(
                Count(f.LoadBatchId),
                Markup.Escape(f.SourceId),
                f.Report,
                f.WindowStartUtc is { } start && f.WindowEndUtc is { } end ? $"{Utc(start)} .. {Utc(end)}" : "-",
                f.Stage,
                Count(f.Attempts),
                f.LandedFile is null ? "none" : f.LandedFileExists ? "kept" : "gone",
                Utc(dismissed ? f.DismissedUtc : f.FailedUtc),
                Markup.Escape((dismissed ? f.DismissedReason : f.Error) ?? "-"));
        }

        return table;
    }

    private static string Window(LoadBatchRecord b) =>
        b.WindowStartUtc is { } start && b.WindowEndUtc is { } end ? $"{Utc(start)} .. {Utc(end)}" : "-";

    private static string Utc(DateTime? value) => value is { } v ? v.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Lag(double minutes) => minutes switch
    {
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{minutes:0} min"),
        < 48 * 60 => string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:0.0} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{minutes / 1440:0.0} d"),
    };
}
