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
        };
        foreach (var command in Commands(console, time))
        {
            root.Add(command);
        }

        var parseResult = root.Parse(args);
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
    }

    /// <summary>The command boundary: exceptions become one clear line on stderr and an exit code.</summary>
    private static Func<ParseResult, CancellationToken, Task<int>> Guarded(
        CliConsole console, TimeProvider time, Func<CommandContext, CancellationToken, Task<int>> body) =>
        async (parseResult, cancellationToken) =>
        {
            using var context = new CommandContext(parseResult, console, time);
            try
            {
                return await body(context, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await console.Error.WriteLineAsync("error: cancelled; the batch in flight was rolled back");
                return ExitCodes.Cancelled;
            }
            catch (UsageException ex)
            {
                await console.Error.WriteLineAsync($"error: {Core.Errors.ErrorText.Bound(ex.Message)}");
                return ExitCodes.Usage;
            }
#pragma warning disable CA1031 // The command boundary is the one place every failure is turned into an exit code.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                await console.Error.WriteLineAsync($"error: {OneLine(ex)}");
                if (parseResult.GetValue(GlobalOptions.Verbose))
                {
                    await console.Error.WriteLineAsync(ex.ToString());
                }

                return ExitCodes.Failure;
            }
        };

    // Bounded (Core.Errors.ErrorText): an error that quotes a file's value must never print that value whole.
    private static string OneLine(Exception ex)
    {
        var message = Core.Errors.ErrorText.Bound(ex.Message);
        return ex is IOException or InvalidDataException or Core.Parsing.ReportFormatException or TimeZoneNotFoundException or Warehouse.WarehouseSchemaException
            ? message
            : $"{message} ({ex.GetType().Name})";
    }
}
