using System.CommandLine;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Sync;

namespace RcWarehouse.Cli.Commands;

/// <summary><c>extract</c> (land only) and <c>sync</c> (land and load) over a window.</summary>
public static class SyncCommand
{
    public static Command CreateExtract(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command("extract", "Pull a window from RingCX and land every answer with its manifest; load nothing.");
        WindowOptions.AddTo(command);
        command.SetAction(action);
        return command;
    }

    public static Command CreateSync(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command("sync", "Pull a window from RingCX, land every answer, and load it into the warehouse.");
        WindowOptions.AddTo(command);
        command.SetAction(action);
        return command;
    }

    public static Task<int> ExtractAsync(CommandContext context, CancellationToken cancellationToken) =>
        RunAsync(context, load: false, cancellationToken);

    public static Task<int> SyncAsync(CommandContext context, CancellationToken cancellationToken) =>
        RunAsync(context, load: true, cancellationToken);

    private static async Task<int> RunAsync(CommandContext context, bool load, CancellationToken cancellationToken)
    {
        var request = WindowOptions.Parse(context.ParseResult);
        var recordings = Recordings.RecordingsCommand.Options(context.Configuration);
        if (load && recordings.Enabled)
        {
            recordings.Validate();
        }

        await using var session = await context.OpenRingCxAsync(withWarehouse: load, cancellationToken);
        if (!load)
        {
            await SyncSummaryTable.WriteAsync(context.Console.Out, await session.Sync.ExtractAsync(request, cancellationToken));
            return ExitCodes.Success;
        }

        var summary = await session.Sync.RunAsync(request, cancellationToken);
        await SyncSummaryTable.WriteAsync(context.Console.Out, summary.Files);
        var exit = await RerunCommand.ReportFailuresAsync(context, summary);

        // After the segments publish: their recordings and transcripts (Recordings:Enabled).
        if (!recordings.Enabled)
        {
            return exit;
        }

        var archived = await Recordings.RecordingsCommand.ArchiverFor(session, recordings, context.Time, context.LoggerFactory)
            .ArchiveAsync(request.Source, fromUtc: null, context.Console.Out, cancellationToken);
        return Math.Max(exit, await Recordings.RecordingsCommand.ReportFailuresAsync(context, archived));
    }
}
