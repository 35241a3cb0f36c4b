using System.CommandLine;
using System.Globalization;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Logging;
using RcWarehouse.Cli.Sync;
using RcWarehouse.Core.Reports;
using RcWarehouse.RingCx;
using RcWarehouse.Simulator;

namespace RcWarehouse.Cli.Commands;

/// <summary>
/// <c>demo</c>: the first thing a new user runs. Starts the simulator in-process, syncs one day of every report for two
/// sub-accounts (one through the current generation's JSON, one through the legacy generation's CSV) into the
/// configured warehouse (the embedded SQLite file by default), archives the day's recordings and transcripts, and
/// prints what was loaded.
/// The simulator's rate limit is relaxed for the demo so a day loads in seconds; <c>simulate</c> keeps the documented one.
/// </summary>
public static class DemoCommand
{
    private const string DemoRateLimit = "600/1s";

    // A simulated day holds about 1,500 recorded segments: the demo archives all of them in one run.
    private const int DemoRecordingsPerRun = 100_000;

    private static readonly Option<string?> Date = new Option<string?>("--date") { Description = "UTC day to load (default: yesterday)." }.UtcDate();

    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command("demo", "Start the RingCX simulator in-process and load one day of every report into the warehouse.") { Date };
        command.SetAction(action);
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var dayText = context.ParseResult.GetValue(Date);
        var day = dayText is null
            ? context.Time.GetUtcNow().UtcDateTime.Date.AddDays(-1)
            : CommandValues.ParseUtc("--date", dayText).Date;
        day = DateTime.SpecifyKind(day, DateTimeKind.Utc);

        await using var simulator = await SimulatorHost.StartAsync(
            new SimulatorOptions { Port = 0, RateLimit = DemoRateLimit }, context.Time, cancellationToken);
        var options = DemoOptions(context.RingCxOptions.LandingPath, simulator);
        await context.Console.Out.WriteLineAsync(
            $"demo: simulator on {simulator.BaseUrl}; loading {day:yyyy-MM-dd} (UTC) for sub-accounts {string.Join(", ", simulator.Credentials.SubAccountIds.Take(2))}");

        await using var session = new RingCxSession(options, context.CreateWarehouse(), context.Time, context.LoggerFactory);
        await session.Warehouse!.MigrateAsync(cancellationToken);

        // Reference data first, so the day's facts find real agent and queue names instead of inferred members.
        await SyncReferenceCommand.WriteAsync(context.Console.Out, await session.Reference.SyncAsync(null, cancellationToken));
        var files = await session.Sync.SyncAsync(new SyncRequest(day, day.AddDays(1), ReportKindNames.All), cancellationToken);

        await SyncSummaryTable.WriteAsync(context.Console.Out, files);

        // The demo archives the day's recordings and transcripts whatever Recordings:Enabled says.
        var recordings = Recordings.RecordingsCommand.Options(context.Configuration);
        recordings.Enabled = true;
        recordings.MaxPerRun = Math.Max(recordings.MaxPerRun, DemoRecordingsPerRun);
        await Recordings.RecordingsCommand.ArchiverFor(session, recordings, context.Time, context.LoggerFactory)
            .ArchiveAsync(null, fromUtc: null, context.Console.Out, cancellationToken);
        await context.Console.Out.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"warehouse: {context.WarehouseOptions.Provider} {Redaction.Redact(context.Configuration["Warehouse:ConnectionString"] ?? context.WarehouseOptions.ConnectionString)}; landed files under {Path.GetFullPath(options.LandingPath)}"));
        return ExitCodes.Success;
    }

    private static RingCxOptions DemoOptions(string landingPath, SimulatorHost simulator)
    {
        var c = simulator.Credentials;
        var url = simulator.BaseUrl.ToString();
        return new RingCxOptions
        {
            PlatformUrl = url,
            RingCxUrl = url,
            LandingPath = landingPath,
            RateLimit = DemoRateLimit,
            ReferenceRateLimit = DemoRateLimit,
            RequestTimeout = TimeSpan.FromSeconds(30),
            Sources =
            [
                new SourceOptions
                {
                    Name = "demo-cx", ClientId = c.ClientId, ClientSecret = c.ClientSecret, Jwt = c.Jwt,
                    SubAccountIds = [c.SubAccountIds[0]], ApiGeneration = ApiGeneration.Cx,
                },
                new SourceOptions
                {
                    Name = "demo-legacy", ClientId = c.ClientId, ClientSecret = c.ClientSecret, Jwt = c.Jwt,
                    SubAccountIds = [c.SubAccountIds[1]], ApiGeneration = ApiGeneration.Legacy, ReportFormat = "csv",
                },
            ],
        };
    }
}
