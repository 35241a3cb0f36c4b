using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace RcWarehouse.Warehouse.Publishing;

/// <summary>
/// The retry around a whole batch: when an attempt fails with an error the dialect calls transient (SQL Server: deadlock
/// victim, lock timeout, Azure SQL throttling or failover), that attempt is already recorded as a failed batch and the
/// same rows load again as a new batch, up to Warehouse:TransientRetries more times, with exponential backoff and
/// jitter from Warehouse:TransientRetryDelay. Anything else (a bad row, a refused grain) fails at once.
/// </summary>
internal static class TransientRetry
{
    public static ResiliencePipeline Create(IWarehouseDialect dialect, WarehouseOptions options, TimeProvider time, ILogger logger)
    {
        if (options.TransientRetries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } failure && dialect.IsTransient(failure)),
                MaxRetryAttempts = options.TransientRetries,
                Delay = options.TransientRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "Batch attempt {Attempt} failed on a transient error ({Error}); loading the same rows again as a new batch in {Delay}",
                        args.AttemptNumber + 1, args.Outcome.Exception?.Message, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
