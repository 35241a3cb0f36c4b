using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Hosting.Telemetry;
using RcWarehouse.Cli.Logging;
using RcWarehouse.Cli.Progress;
using RcWarehouse.Cli.Operations;
using RcWarehouse.Cli.Scheduling;
using RcWarehouse.Cli.Sync;
using RcWarehouse.RingCx;
using RcWarehouse.Warehouse;
using Serilog;

namespace RcWarehouse.Cli.Commands;

/// <summary>
/// <c>run</c>: the scheduled service. A Generic Host with Quartz runs the intraday, nightly and reference jobs on the
/// schedules in <c>schedules/</c> until Ctrl+C or SIGTERM, then cancels the job in flight (its batch rolls back) and
/// waits for it before exiting.
/// </summary>
public static class RunCommand
{
    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command("run", "Run the scheduled service: intraday, nightly and reference jobs on the schedules in schedules/ (Quartz).");
        command.SetAction(action);
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var operations = StatusCommand.Options(context.Configuration);
        var ringCx = context.RingCxOptions;
        _ = SourceSelection.Select(ringCx, null);
        var folder = JobSchedules.ResolveFolder(operations.SchedulesPath);
        var schedules = await JobSchedules.LoadAsync(folder, cancellationToken);
        var telemetry = RunTelemetry.From(context.Configuration);

        var recordings = Recordings.RecordingsCommand.Options(context.Configuration);
        recordings.Validate();
        using var host = Build(context.Console, ringCx, context.WarehouseOptions, operations, schedules, context.Time, context.Logging.Logger, telemetry, recordings);
        await host.Services.GetRequiredService<IWarehouse>().EnsureSchemaCurrentAsync(cancellationToken);
        await context.Console.Out.WriteLineAsync($"run: schedules from {folder ?? "(built-in defaults)"}");
        foreach (var schedule in schedules)
        {
            await context.Console.Out.WriteLineAsync(
                $"  {schedule.Job,-10} {(schedule.Enabled ? "on " : "off")} cron '{schedule.Cron}' in {schedule.TimeZone}, misfire {schedule.Misfire}{NextFire(schedule, context.Time)}");
        }

        await host.RunAsync(cancellationToken);
        await context.Console.Out.WriteLineAsync("run: stopped");
        return ExitCodes.Success;
    }

    private static string NextFire(JobSchedule schedule, TimeProvider time)
    {
        if (!schedule.Enabled)
        {
            return string.Empty;
        }

        var cron = new CronExpression(schedule.Cron, JobSchedules.Zone(schedule));
        return $", next {NextFireTimeListener.Utc(cron.GetNextValidTimeAfter(time.GetUtcNow()))}";
    }

    /// <summary>The service's host (tests build it with their own clock, schedules and options; their logs go to <paramref name="console"/>).</summary>
    internal static IHost Build(
        CliConsole console, RingCxOptions ringCx, WarehouseOptions warehouse, OperationsOptions operations, IReadOnlyList<JobSchedule> schedules, TimeProvider time,
        Serilog.ILogger? logger = null, RunTelemetry? telemetry = null, Recordings.RecordingsOptions? recordings = null)
    {
        operations.Quartz.Validate(warehouse);

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(OtelEnvironment.Variables());
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        if (logger is null)
        {
            builder.Logging.AddSerilog(CliLogging.ConsoleLogger(console), dispose: true);
        }
        else
        {
            builder.Logging.AddSerilog(logger, dispose: false);
        }

        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = operations.ShutdownTimeout);
        builder.Services.AddSingleton(recordings ?? new Recordings.RecordingsOptions());
        builder.Services.AddRcWarehouseOperations(ringCx, warehouse, operations, time);
        builder.Services.AddRcWarehouseScheduler(schedules, operations.Quartz, warehouse, time);
        builder.Services.AddRcWarehouseTelemetry(telemetry ?? RunTelemetry.Off);
        return builder.Build();
    }
}
