using Microsoft.Extensions.Logging;
using Quartz;
using RcWarehouse.Cli.Operations;

namespace RcWarehouse.Cli.Jobs;

/// <summary>
/// The job boundary: a run's failures are logged here once, with structure, and not rethrown. The failed windows are
/// already recorded (their failed <c>load_batch</c> rows, or nothing published for an API error) and the next run
/// retries them; rethrowing would only make Quartz log the same failure a second time.
/// </summary>
internal static class JobBoundary
{
    public static async ValueTask RunAsync(
        IJobExecutionContext context, ILogger logger, string job, Func<CancellationToken, Task<SyncRunSummary>> body, CancellationToken cancellationToken)
    {
        // Which node runs which firing, and whether it is the recovery of a firing a dead node left unfinished: what an
        // operator of several nodes reads to follow the cluster (and what the cluster test counts).
        logger.LogInformation(
            "Job {Job} started on node {Node} for its firing at {ScheduledFireTimeUtc:yyyy-MM-dd HH:mm:ss} UTC{Recovery}",
            job, context.Scheduler.SchedulerInstanceId, context.ScheduledFireTimeUtc?.UtcDateTime ?? context.FireTimeUtc.UtcDateTime,
            context.Recovering ? " (recovering it from a node that died)" : "");
        context.Result = await RunAsync(logger, job, body, cancellationToken);
    }

    public static async Task<SyncRunSummary> RunAsync(ILogger logger, string job, Func<CancellationToken, Task<SyncRunSummary>> body, CancellationToken cancellationToken)
    {
        try
        {
            var summary = await body(cancellationToken);
            if (summary.Succeeded)
            {
                logger.LogInformation("Job {Job} finished: {Loaded} window(s) loaded", job, summary.WindowsLoaded);
            }
            else
            {
                logger.LogError(
                    "Job {Job} finished with {FailureCount} failure(s) ({Loaded} window(s) loaded); the next run retries them: {Failures}",
                    job, summary.Failures.Count, summary.WindowsLoaded, string.Join("; ", summary.Failures));
            }

            return summary;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Job {Job} cancelled by shutdown; the batch in flight was rolled back", job);
            return new SyncRunSummary(0, 0, [new WindowFailure("-", "-", "-", null, "cancelled")]);
        }
#pragma warning disable CA1031 // The job boundary: the one place a run's unexpected failure is logged; the scheduler keeps running.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Job {Job} failed; the next run retries: {Error}", job, ex.Message);
            return new SyncRunSummary(0, 0, [new WindowFailure("-", "-", "-", null, ex.Message)]);
        }
    }
}
