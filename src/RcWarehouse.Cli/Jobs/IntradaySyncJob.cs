using Microsoft.Extensions.Logging;
using Quartz;
using RcWarehouse.Cli.Operations;

namespace RcWarehouse.Cli.Jobs;

/// <summary>Every 15 minutes by default: every completed interval since the watermark, per source and report.</summary>
[DisallowConcurrentExecution]
public sealed class IntradaySyncJob(ScheduledSync sync, ILogger<IntradaySyncJob> logger) : IJob
{
    public static readonly JobKey Key = new("intraday", "rcwarehouse");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobBoundary.RunAsync(context, logger, "intraday", ct => sync.IntradayAsync(null, ct), cancellationToken);

    /// <summary>One run outside Quartz (tests drive the job with a manual clock through this).</summary>
    public Task<SyncRunSummary> RunOnceAsync(CancellationToken cancellationToken) =>
        JobBoundary.RunAsync(logger, "intraday", ct => sync.IntradayAsync(null, ct), cancellationToken);
}
