using Microsoft.Extensions.Logging;
using Quartz;
using RcWarehouse.Cli.Operations;
using RcWarehouse.Cli.Recordings;

namespace RcWarehouse.Cli.Jobs;

/// <summary>Every 15 minutes by default: every completed interval since the watermark, per source and report.</summary>
[DisallowConcurrentExecution]
public sealed class IntradaySyncJob(ScheduledSync sync, ReferenceFirst referenceFirst, RecordingArchiver recordings, ILogger<IntradaySyncJob> logger) : IJob
{
    public static readonly JobKey Key = new("intraday", "rcwarehouse");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobBoundary.RunAsync(context, logger, "intraday", RunIntradayAsync, cancellationToken);

    /// <summary>One run outside Quartz (tests drive the job with a manual clock through this).</summary>
    public Task<SyncRunSummary> RunOnceAsync(CancellationToken cancellationToken) =>
        JobBoundary.RunAsync(logger, "intraday", RunIntradayAsync, cancellationToken);

    private async Task<SyncRunSummary> RunIntradayAsync(CancellationToken cancellationToken)
    {
        // Reference data before facts (a first start, a new source); facts load whether or not that succeeds.
        var reference = await referenceFirst.EnsureAsync(cancellationToken);
        var summary = SyncRunSummary.Combine([reference, await sync.IntradayAsync(null, cancellationToken)]);

        // After the segments publish: their recordings and transcripts, when enabled. Each failed fetch is recorded
        // per segment (status lists it) and tried again next run; it does not fail the job.
        if (recordings.Options.Enabled)
        {
            await recordings.ArchiveAsync(null, fromUtc: null, progress: null, cancellationToken);
        }

        return summary;
    }
}
