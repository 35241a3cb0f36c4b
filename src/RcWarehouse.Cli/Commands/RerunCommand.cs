using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Operations;
using RcWarehouse.Cli.Sync;
using Spectre.Console;

namespace RcWarehouse.Cli.Commands;

/// <summary><c>rerun --failed</c> or <c>rerun --from --to</c>: reprocess failed or chosen intervals, idempotently.</summary>
public static class RerunCommand
{
    private static readonly Option<bool> Failed = new("--failed") { Description = "Reload every failed interval no later load has replaced (from its landed file; extracted again if the file is gone)." };

    private static readonly Option<string?> From = new Option<string?>("--from") { Description = "Start of a span to extract again and reload, UTC." }.UtcDate();

    private static readonly Option<string?> To = new Option<string?>("--to") { Description = "End of the span, UTC, exclusive." }.UtcDate();

    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command("rerun", "Reprocess failed intervals (--failed) or a chosen span (--from --to), idempotently.")
        {
            Failed, From, To, WindowOptions.Report, WindowOptions.Source,
        };
        command.SetAction(action);
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.ParseResult;
        var failed = parse.GetValue(Failed);
        var from = parse.GetValue(From);
        var to = parse.GetValue(To);
        if (failed == (from is not null || to is not null) || (!failed && (from is null || to is null)))
        {
            throw new UsageException("rerun needs either --failed or both --from and --to");
        }

        var reports = WindowOptions.Reports(parse.GetValue(WindowOptions.Report));
        var source = parse.GetValue(WindowOptions.Source);
        await using var session = await context.OpenRingCxAsync(withWarehouse: true, cancellationToken);
        var operations = StatusCommand.Options(context.Configuration);
        var runner = session.Runner!;
        var rerun = new RerunService(session.Options, operations, runner, context.LoggerFactory.CreateLogger<RerunService>());

        if (!failed)
        {
            var request = new SyncRequest(CommandValues.ParseUtc("--from", from!), CommandValues.ParseUtc("--to", to!), reports, source);
            var summary = await rerun.RerunWindowAsync(request, cancellationToken);
            return await ReportAsync(context, summary);
        }

        var outcomes = await rerun.RerunFailedAsync(source, reports, cancellationToken);
        if (outcomes.Count == 0)
        {
            await context.Console.Out.WriteLineAsync("no failed intervals to rerun");
            return ExitCodes.Success;
        }

        var console = TableConsole.For(context.Console.Out);
        var table = new Table().AddColumns("failed batch", "sub-account", "report", "window (UTC)", "outcome", "new batch", "error");
        foreach (var o in outcomes)
        {
            table.AddRow(
                o.Failure.LoadBatchId.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(o.Failure.SourceId),
                o.Failure.Report,
                o.Failure.WindowStartUtc is { } s && o.Failure.WindowEndUtc is { } e ? string.Create(CultureInfo.InvariantCulture, $"{s:yyyy-MM-dd HH:mm} .. {e:yyyy-MM-dd HH:mm}") : "-",
                o.Outcome,
                o.NewLoadBatchId?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(o.Error ?? "-"));
        }

        console.Write(table);
        var stillFailing = outcomes.Count(o => !o.Cleared);
        await context.Console.Out.WriteLineAsync($"{outcomes.Count - stillFailing} of {outcomes.Count} failed interval(s) cleared");
        if (stillFailing > 0)
        {
            await context.Console.Error.WriteLineAsync($"error: {stillFailing} failed interval(s) still failing; see the table above and status");
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    internal static async Task<int> ReportAsync(CommandContext context, SyncRunSummary summary)
    {
        await context.Console.Out.WriteLineAsync($"{summary.WindowsLoaded} window(s) loaded, {summary.WindowsSkipped} skipped (already loaded), {summary.Failures.Count} failed");
        foreach (var failure in summary.Failures)
        {
            await context.Console.Error.WriteLineAsync($"failed: {failure}");
        }

        if (summary.Failures.Count > 0)
        {
            await context.Console.Error.WriteLineAsync($"error: {summary.Failures.Count} window(s) failed; they are recorded and rerun --failed retries them");
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }
}
