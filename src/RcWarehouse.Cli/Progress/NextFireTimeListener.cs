using System.Globalization;
using Microsoft.Extensions.Logging;
using Quartz;

namespace RcWarehouse.Cli.Progress;

/// <summary><c>run</c>: after each job run, when that job fires next (UTC), so a quiet service is visibly alive.</summary>
internal sealed class NextFireTimeListener(ILogger<NextFireTimeListener> logger) : ITriggerListener
{
    public string Name => "next-fire-time";

    public ValueTask TriggerComplete(ITrigger trigger, IJobExecutionContext context, SchedulerInstruction triggerInstructionCode, CancellationToken cancellationToken = default)
    {
        logger.LogInformation("Job {Job} next fires at {NextFireUtc}", trigger.JobKey.Name, Utc(trigger.NextFireTimeUtc));
        return ValueTask.CompletedTask;
    }

    public ValueTask TriggerMisfired(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default)
    {
        logger.LogWarning("Job {Job} misfired; next fires at {NextFireUtc}", trigger.JobKey.Name, Utc(trigger.NextFireTimeUtc));
        return ValueTask.CompletedTask;
    }

    public ValueTask TriggerFired(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<bool> VetoJobExecution(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

    public ValueTask TriggerSkipped(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask TriggerRetriesExhausted(ITrigger trigger, IJobExecutionContext context, JobExecutionException exception, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    internal static string Utc(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "never (no further fire time)";
}
