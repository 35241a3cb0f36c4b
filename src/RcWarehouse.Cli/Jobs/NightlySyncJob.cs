using Microsoft.Extensions.Logging;
using Quartz;
using RcWarehouse.Cli.Operations;

namespace RcWarehouse.Cli.Jobs;

/// <summary>02:30 by default: re-pulls the look-back so corrected and late numbers replace provisional ones.</summary>
[DisallowConcurrentExecution]
public sealed class NightlySyncJob(ScheduledSync sync, ReferenceFirst referenceFirst, ILogger<NightlySyncJob> logger) : IJob
{
    public static readonly JobKey Key = new("nightly", "rcwarehouse");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobBoundary.RunAsync(context, logger, "nightly", RunNightlyAsync, cancellationToken);

    public Task<SyncRunSummary> RunOnceAsync(CancellationToken cancellationToken) =>
        JobBoundary.RunAsync(logger, "nightly", RunNightlyAsync, cancellationToken);

    private async Task<SyncRunSummary> RunNightlyAsync(CancellationToken cancellationToken)
    {
        var reference = await referenceFirst.EnsureAsync(cancellationToken);
        return SyncRunSummary.Combine([reference, await sync.NightlyAsync(null, cancellationToken)]);
    }
}
