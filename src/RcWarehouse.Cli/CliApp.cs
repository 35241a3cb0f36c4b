using System.CommandLine;
using RcWarehouse.Cli.Commands;
using RcWarehouse.Cli.Hosting;

namespace RcWarehouse.Cli;

/// <summary>The <c>rcwarehouse</c> command line. Every command's failures are caught here, once: one line on stderr, non-zero exit.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        var root = new RootCommand("RcWarehouse: loads RingCentral RingCX contact-center reports into a star schema (SQLite or SQL Server).")
        {
            GlobalOptions.Provider,
            GlobalOptions.Connection,
            GlobalOptions.Settings,
            GlobalOptions.Verbose,
            GlobalOptions.LogFile,
        };
        foreach (var command in Commands(console, time))
        {
            root.Add(command);
        }

        var parseResult = root.Parse(args);
        if (CommandSuggestion.ForUnknownCommand(root, parseResult) is { } unknown)
        {
            await console.Error.WriteLineAsync($"error: {unknown}");
            return ExitCodes.Usage;
        }

        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await console.Error.WriteLineAsync($"error: {Core.Errors.ErrorText.Bound(error.Message)}");
            }

            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
        };
        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }

    private static IEnumerable<Command> Commands(CliConsole console, TimeProvider time)
    {
        yield return MigrateCommand.Create(Guarded(console, time, MigrateCommand.RunAsync));
        yield return LoadFilesCommand.Create(Guarded(console, time, LoadFilesCommand.RunAsync));
        yield return SyncCommand.CreateExtract(Guarded(console, time, SyncCommand.ExtractAsync));
        yield return SyncCommand.CreateSync(Guarded(console, time, SyncCommand.SyncAsync));
        yield return SyncReferenceCommand.Create(Guarded(console, time, SyncReferenceCommand.RunAsync));
        yield return SimulateCommand.Create(Guarded(console, time, SimulateCommand.RunAsync));
        yield return DemoCommand.Create(Guarded(console, time, DemoCommand.RunAsync));
        yield return StatusCommand.Create(Guarded(console, time, StatusCommand.RunAsync));
        yield return RerunCommand.Create(Guarded(console, time, RerunCommand.RunAsync));
        yield return RunCommand.Create(Guarded(console, time, RunCommand.RunAsync));
        yield return BackfillCommand.Create(Guarded(console, time, BackfillCommand.RunAsync));
        yield return VerifyCommand.Create(Guarded(console, time, VerifyCommand.RunAsync));
        yield return HealthCommand.Create(Guarded(console, time, HealthCommand.RunAsync));
        yield return Recordings.RecordingsCommand.Create(Guarded(console, time, Recordings.RecordingsCommand.RunAsync));
        yield return Recordings.RecordingsCommand.CreatePrune(Guarded(console, time, Recordings.RecordingsCommand.PruneAsync));
    }

    /// <summary>
    /// The command boundary: exceptions become one clear line on stderr (<see cref="CliErrors"/>) and an exit code; the
    /// exception with its stack goes to the log file, and to stderr with --verbose. Building the command's context
    /// (settings files, logging) is inside the boundary, so a bad settings file is a usage error, not a crash.
    /// </summary>
    private static Func<ParseResult, CancellationToken, Task<int>> Guarded(
        CliConsole console, TimeProvider time, Func<CommandContext, CancellationToken, Task<int>> body) =>
        async (parseResult, cancellationToken) =>
        {
            CommandContext? context = null;
            try
            {
                context = new CommandContext(parseResult, console, time);
                return await body(context, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await console.Error.WriteLineAsync("error: cancelled; the batch in flight was rolled back");
                return ExitCodes.Cancelled;
            }
#pragma warning disable CA1031 // The command boundary is the one place every failure is turned into an exit code.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                var command = parseResult.CommandResult.Command.Name;
                var failure = CliErrors.Describe(ex, command, context?.SqlServerHost);
                await console.Error.WriteLineAsync($"error: {failure.Line}");
                context?.Logging.Failure(ex, command, failure.Line);
                if (parseResult.GetValue(GlobalOptions.Verbose))
                {
                    await console.Error.WriteLineAsync(Logging.Redaction.Redact(ex.ToString()));
                }

                return failure.ExitCode;
            }
            finally
            {
                context?.Dispose();
            }
        };
}
