using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RcWarehouse.Cli.Commands;
using RcWarehouse.Cli.Hosting;

namespace RcWarehouse.Cli.Recordings;

/// <summary>
/// <c>recordings</c>: archive the recordings and transcripts of published segments now (whether or not
/// <c>Recordings:Enabled</c> makes sync and run do it). <c>prune</c>: remove audio past retention, keeping the rows.
/// </summary>
public static class RecordingsCommand
{
    private static readonly Option<string?> Source = new("--source")
    {
        Description = "Only this configured source (its name) or sub-account id (default: every configured source).",
    };

    private static readonly Option<string?> From = new Option<string?>("--from")
    {
        Description = "Consider segments that ended from this UTC date or date-time on (default: now minus Recordings:LookBack); reaches further back than the look-back.",
    }.UtcDate();

    private static readonly Option<int?> RetentionDays = new("--retention-days")
    {
        Description = "Days of audio to keep, counted from each segment's start (default: Recordings:RetentionDays).",
    };

    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command(
            "recordings",
            "Fetch the recordings (WAV) and transcripts of published segments that ended at least Recordings:SettleDelay ago, land them content-addressed and record them in fact_recording / fact_transcript.")
        {
            Source,
            From,
        };
        command.SetAction(action);
        return command;
    }

    public static Command CreatePrune(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command(
            "prune",
            "Delete archived audio files older than the retention and mark their fact_recording rows (pruned_utc); rows, transcripts and segment facts stay.")
        {
            RetentionDays,
        };
        command.SetAction(action);
        return command;
    }

    public static RecordingsOptions Options(IConfiguration configuration) =>
        ConfigurationBinding.Bind<RecordingsOptions>(configuration, RecordingsOptions.SectionName);

    /// <summary>The archiver of a session that loads into a warehouse.</summary>
    public static RecordingArchiver ArchiverFor(RingCxSession session, RecordingsOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(loggers);
        return new RecordingArchiver(session.Client, session.Options, options, session.Warehouse!, time, loggers.CreateLogger<RecordingArchiver>());
    }

    public static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var options = Options(context.Configuration);
        options.Validate();
        await using var session = await context.OpenRingCxAsync(withWarehouse: true, cancellationToken);
        var from = context.ParseResult.GetValue(From) is { } fromText ? CommandValues.ParseUtc("--from", fromText) : (DateTime?)null;
        var summary = await ArchiverFor(session, options, context.Time, context.LoggerFactory)
            .ArchiveAsync(context.ParseResult.GetValue(Source), from, context.Console.Out, cancellationToken);
        return await ReportFailuresAsync(context, summary);
    }

    public static async Task<int> PruneAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var options = Options(context.Configuration);
        options.Validate();
        var days = context.ParseResult.GetValue(RetentionDays) ?? options.RetentionDays;
        if (days < 1)
        {
            throw new UsageException("prune needs a retention: set Recordings:RetentionDays (environment RCW_Recordings__RetentionDays) or pass --retention-days N (at least 1)");
        }

        await using var session = await context.OpenRingCxAsync(withWarehouse: true, cancellationToken);
        var summary = await ArchiverFor(session, options, context.Time, context.LoggerFactory).PruneAsync(days, cancellationToken);
        await context.Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"prune: recordings of segments before {summary.CutoffUtc:yyyy-MM-dd HH:mm} UTC: {summary.RowsMarked} row(s) marked pruned, {summary.FilesDeleted} audio file(s) deleted ({summary.BytesFreed:N0} bytes), {summary.FilesKeptForNewerSegments} kept for newer segments with the same audio; {summary.TempFilesDeleted} abandoned temporary file(s) deleted ({summary.TempBytesFreed:N0} bytes)"));
        return ExitCodes.Success;
    }

    /// <summary>Exit 1 when a fetch failed in this run (each is recorded and listed by status).</summary>
    public static async Task<int> ReportFailuresAsync(CommandContext context, RecordingRunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Failed == 0)
        {
            return ExitCodes.Success;
        }

        await context.Console.Error.WriteLineAsync(
            $"error: {summary.Failed} recording or transcript fetch(es) failed; they are recorded (status lists them) and tried again on the next run, up to Recordings:MaxAttempts");
        return ExitCodes.Failure;
    }
}
