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
        var output = context.Console.Out;
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"backfill {request.FromUtc:yyyy-MM-dd HH:mm} .. {request.ToUtc:yyyy-MM-dd HH:mm} UTC: {plan.Pending} window(s) to load, {plan.Skipped} already loaded (skipped); " +
            $"rate limit {session.Options.RateLimit} per sub-account, ETA {Duration(backfill.Eta(plan.PendingBySubAccount))}"));

        SyncRunSummary summary;
        if (plan.Pending == 0)
        {
            summary = new SyncRunSummary(0, plan.Skipped, []);
        }
        else if (TableConsole.IsTerminal(output))
        {
            summary = await WithProgressBarAsync(output, backfill, plan, cancellationToken);
        }
        else
        {
            summary = await backfill.RunAsync(plan, p => WriteLine(output, p), cancellationToken);
        }

        return await RerunCommand.ReportAsync(context, summary);
    }

    // A progress bar only where a person watches: redirected output (logs, CI, tests) gets one line per window.
    private static async Task<SyncRunSummary> WithProgressBarAsync(TextWriter output, BackfillService backfill, BackfillPlan plan, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        SyncRunSummary summary = null!;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Description(plan.Pending, 0, backfill.Eta(plan.PendingBySubAccount), 0), maxValue: plan.Pending);
                var failed = 0;
                summary = await backfill.RunAsync(
                    plan,
                    p =>
                    {
                        if (p.Failure is not null)
                        {
                            Interlocked.Increment(ref failed);
                        }

                        task.Increment(1);
                        task.Description = Description(p.Total, p.Done, p.Eta, Volatile.Read(ref failed));
                    },
                    cancellationToken);
            });
        return summary;
    }

    private static string Description(int total, int done, TimeSpan eta, int failed) =>
        Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{done}/{total} windows, ETA {Duration(eta)}{(failed > 0 ? $", {failed} failed" : "")}"));

    private static void WriteLine(TextWriter output, BackfillProgress p)
    {
        var outcome = p.Failure is null ? "loaded" : "FAILED: " + p.Failure.Error;
        lock (output)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"[{p.Done}/{p.Total}] {p.SourceName}/{p.SubAccountId} {p.Window} {outcome} (ETA {Duration(p.Eta)})"));
        }
    }

    private static string Duration(TimeSpan span) =>
        span < TimeSpan.FromSeconds(1) ? "now" : span.ToString(span.TotalHours >= 24 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);
}
