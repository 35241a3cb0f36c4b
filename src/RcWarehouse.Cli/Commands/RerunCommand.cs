using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Operations;
using RcWarehouse.Cli.Sync;
using RcWarehouse.Warehouse.Operations;
using Spectre.Console;

namespace RcWarehouse.Cli.Commands;

/// <summary><c>rerun --failed</c> or <c>rerun --from --to</c>: reprocess failed or chosen intervals, idempotently.</summary>
public static class RerunCommand
{
    private static readonly Option<bool> Failed = new("--failed") { Description = "Reload every failed interval no later load has replaced (from its landed file; extracted again if the file is gone)." };

    private static readonly Option<string?> From = new Option<string?>("--from") { Description = "Start of a span to extract again and reload, UTC." }.UtcDate();

    private static readonly Option<string?> To = new Option<string?>("--to") { Description = "End of the span, UTC, exclusive." }.UtcDate();

    private static readonly Option<long?> Dismiss = new("--dismiss")
    {
        Description = "Accept the open failure with this batch id (from status): it stays recorded with the reason and stops counting as open.",
    };

    private static readonly Option<string?> Reason = new("--reason") { Description = "Why the failure is accepted (required with --dismiss; kept in the record)." };

    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command("rerun", "Reprocess failed intervals (--failed) or a chosen span (--from --to), idempotently; or accept a failure (--dismiss BATCH --reason TEXT).")
        {
            Failed, From, To, WindowOptions.Report, WindowOptions.Source, Dismiss, Reason,
        };
        command.SetAction(action);
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.ParseResult;
        if (parse.GetValue(Dismiss) is { } dismiss)
        {
            return await DismissAsync(context, dismiss, parse.GetValue(Reason), parse.GetValue(Failed) || parse.GetValue(From) is not null || parse.GetValue(To) is not null, cancellationToken);
        }

        if (parse.GetValue(Reason) is not null)
        {
            throw new UsageException("--reason goes with --dismiss");
        }

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

    private static async Task<int> DismissAsync(CommandContext context, long loadBatchId, string? reason, bool withOthers, CancellationToken cancellationToken)
    {
        if (withOthers)
        {
            throw new UsageException("--dismiss goes alone (with --reason), not with --failed, --from or --to");
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw new UsageException("--dismiss needs --reason \"...\" saying why the failure is accepted");
        }

        if (reason.Length > MaxReasonLength)
        {
            throw new UsageException($"--reason is {reason.Length} characters; at most {MaxReasonLength} are kept");
        }

        await using var warehouse = context.CreateWarehouse();
        await warehouse.EnsureSchemaCurrentAsync(cancellationToken);
        var dismissed = await WarehouseOperations.For(warehouse).DismissFailureAsync(loadBatchId, reason, cancellationToken);
        if (dismissed == 0)
        {
            await context.Console.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"error: batch {loadBatchId} is not an open failure (status lists the open ones by batch id)"));
            return ExitCodes.Failure;
        }

        await context.Console.Out.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture, $"dismissed failed batch {loadBatchId} ({dismissed} failed attempt(s) at its window): {reason}"));
        return ExitCodes.Success;
    }

    // The column that keeps it (etl.batch_dismissal.reason) is nvarchar(1000) on SQL Server.
    private const int MaxReasonLength = 1000;

    internal static async Task<int> ReportAsync(CommandContext context, SyncRunSummary summary)
    {
        await context.Console.Out.WriteLineAsync($"{summary.WindowsLoaded} window(s) loaded, {summary.WindowsSkipped} skipped (already loaded), {summary.Failures.Count} failed");
        return await ReportFailuresAsync(context, summary);
    }

    internal static async Task<int> ReportFailuresAsync(CommandContext context, SyncRunSummary summary)
    {
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
