using System.CommandLine;
using System.Globalization;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Operations;
using Spectre.Console;

namespace RcWarehouse.Cli.Commands;

/// <summary>
/// <c>backfill --from --to</c>: history, window by window, with a progress bar (plain lines when the output is not a
/// terminal) and an ETA from the rate-limit budget. Started again after an interruption it skips the windows already loaded.
/// </summary>
public static class BackfillCommand
{
    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command("backfill", "Pull and load history with a progress bar and a rate-limit ETA; resumable (loaded windows are skipped).");
        WindowOptions.AddTo(command);
        command.SetAction(action);
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var request = WindowOptions.Parse(context.ParseResult);
        await using var session = await context.OpenRingCxAsync(withWarehouse: true, cancellationToken);
        var runner = session.Runner!;
        var backfill = new BackfillService(session.Options, StatusCommand.Options(context.Configuration), runner, session.Client, context.Time);

        var plan = await backfill.PlanAsync(request, cancellationToken);
        var meter = backfill.Meter(plan);
        await meter.RefreshAsync(cancellationToken);
        var output = context.Console.Out;
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"backfill {request.FromUtc:yyyy-MM-dd HH:mm} .. {request.ToUtc:yyyy-MM-dd HH:mm} UTC: {plan.Pending} window(s) to load, {plan.Skipped} already loaded (skipped); " +
            $"rate limit {session.Options.RateLimit} per sub-account, ETA {Duration(meter.Snapshot().Eta)} (counting what every process already spent of the budget)"));

        SyncRunSummary summary;
        if (plan.Pending == 0)
        {
            summary = new SyncRunSummary(0, plan.Skipped, []);
        }
        else if (TableConsole.IsTerminal(output))
        {
            summary = await WithProgressBarAsync(output, backfill, plan, meter, context.Time, cancellationToken);
        }
        else
        {
            summary = await backfill.RunAsync(plan, meter, p => WriteLine(output, p), cancellationToken);
        }

        return await RerunCommand.ReportAsync(context, summary);
    }

    // A progress bar only where a person watches: redirected output (logs, CI, tests) gets one line per window. The
    // bar is redrawn every second from the meter (the ledger is read again every second while the backfill runs), so
    // the ETA moves while a window waits for the budget, not only when one completes.
    private static async Task<SyncRunSummary> WithProgressBarAsync(
        TextWriter output, BackfillService backfill, BackfillPlan plan, BackfillMeter meter, TimeProvider time, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        SyncRunSummary summary = null!;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Description(meter.Snapshot()), maxValue: plan.Pending);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var redraw = RedrawEverySecondAsync(task, meter, time, stop.Token);
                try
                {
                    summary = await backfill.RunAsync(plan, meter, _ => Show(task, meter), cancellationToken);
                }
                finally
                {
                    await stop.CancelAsync();
                    await redraw;
                    Show(task, meter);
                }
            });
        return summary;
    }

    private static async Task RedrawEverySecondAsync(ProgressTask task, BackfillMeter meter, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
                Show(task, meter);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static void Show(ProgressTask task, BackfillMeter meter)
    {
        var status = meter.Snapshot();
        task.Value = status.Done;
        task.Description = Description(status);
    }

    /// <summary>The bar's text: windows, requests granted and remaining, budget wait versus download and load time, ETA.</summary>
    internal static string Description(BackfillStatus s) =>
        Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"{s.Done}/{s.Total} windows{(s.Failed > 0 ? $" ({s.Failed} failed)" : "")}, requests {s.RequestsGranted} granted/{s.RequestsRemaining} remaining, " +
            $"waited {Elapsed(s.WaitedForBudget)} for the budget, {Elapsed(s.DownloadingAndLoading)} downloading and loading, ETA {Duration(s.Eta)}"));

    private static void WriteLine(TextWriter output, BackfillProgress p)
    {
        var outcome = p.Failure is null ? "loaded" : "FAILED: " + p.Failure.Error;
        lock (output)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"[{p.Done}/{p.Total}] {p.SourceName}/{p.SubAccountId} {p.Window} {outcome} (ETA {Duration(p.Eta)}{Requests(p.Status)})"));
        }
    }

    private static string Requests(BackfillStatus? s) =>
        s is null
            ? ""
            : string.Create(
                CultureInfo.InvariantCulture,
                $"; requests {s.RequestsGranted} granted/{s.RequestsRemaining} remaining, waited {Elapsed(s.WaitedForBudget)} for the budget, {Elapsed(s.DownloadingAndLoading)} downloading and loading");

    private static string Elapsed(TimeSpan span) =>
        span.ToString(span.TotalHours >= 24 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span) =>
        span < TimeSpan.FromSeconds(1) ? "now" : span.ToString(span.TotalHours >= 24 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);
}
