using System.Globalization;
using Quartz;

namespace RcWarehouse.Cli.Hosting.Telemetry;

/// <summary>
/// Healthy means: this process's Quartz scheduler is started (not in standby, not shut down), and no job it runs has
/// been running longer than <see cref="HealthOptions.StuckJobAfter"/>. A stuck job is the failure a container restart
/// fixes: the intraday job never overlaps itself, so one that hangs stops every later firing.
/// </summary>
internal sealed class SchedulerHealth(ISchedulerFactory schedulers, HealthOptions options, TimeProvider time)
{
    public async Task<HealthState> CheckAsync(CancellationToken cancellationToken)
    {
        var scheduler = (await schedulers.GetAllSchedulers(cancellationToken)).FirstOrDefault();
        if (scheduler is null || scheduler.Status != SchedulerStatus.Running)
        {
            return Evaluate(started: false, [], time.GetUtcNow(), options.StuckJobAfter);
        }

        // This node's firings only: with the clustered store the query sees every node, and each node answers for itself.
        var firings = await scheduler.QueryFireInstances(new FireInstanceQuery { SchedulerInstanceId = scheduler.SchedulerInstanceId }, cancellationToken);
        var running = firings.Items
            .Where(firing => firing.JobKey is not null)
            .Select(firing => new RunningJob(firing.JobKey!.Name, firing.FireTimeUtc))
            .ToList();
        return Evaluate(started: true, running, time.GetUtcNow(), options.StuckJobAfter);
    }

    public static HealthState Evaluate(bool started, IReadOnlyList<RunningJob> running, DateTimeOffset now, TimeSpan stuckAfter)
    {
        if (!started)
        {
            return new HealthState(false, "scheduler not started");
        }

        var stuck = running.Where(job => now - job.StartedUtc > stuckAfter).OrderBy(job => job.StartedUtc).FirstOrDefault();
        if (stuck is not null)
        {
            return new HealthState(
                false,
                string.Create(CultureInfo.InvariantCulture, $"job {stuck.Job} stuck: running for {Duration(now - stuck.StartedUtc)}, longer than Operations:Health:StuckJobAfter ({Duration(stuckAfter)})"));
        }

        return new HealthState(true, running.Count == 0
            ? "ok: scheduler started, no job running"
            : "ok: scheduler started, running " + string.Join(", ", running.Select(job => job.Job)));
    }

    private static string Duration(TimeSpan span) => span.ToString(span.TotalDays >= 1 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);
}
