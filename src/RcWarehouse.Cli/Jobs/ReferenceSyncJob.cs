using Microsoft.Extensions.Logging;
using Quartz;
using RcWarehouse.Cli.Operations;
using RcWarehouse.Cli.Sync;

namespace RcWarehouse.Cli.Jobs;

/// <summary>Hourly by default: agents, supervisors, queues and groups of every configured sub-account.</summary>
[DisallowConcurrentExecution]
public sealed class ReferenceSyncJob(ReferenceSyncService reference, ILogger<ReferenceSyncJob> logger) : IJob
{
    public static readonly JobKey Key = new("reference", "rcwarehouse");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobBoundary.RunAsync(context, logger, "reference", RunReferenceAsync, cancellationToken);

    public Task<SyncRunSummary> RunOnceAsync(CancellationToken cancellationToken) =>
        JobBoundary.RunAsync(logger, "reference", RunReferenceAsync, cancellationToken);

    private async Task<SyncRunSummary> RunReferenceAsync(CancellationToken cancellationToken)
    {
        var files = await reference.SyncAsync(null, cancellationToken);
        return new SyncRunSummary(files.Count, 0, []);
    }
}
