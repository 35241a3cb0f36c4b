using Microsoft.Extensions.Logging;
using RcWarehouse.Cli.Sync;
using RcWarehouse.RingCx;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Operations;

namespace RcWarehouse.Cli.Operations;

/// <summary>
/// Reference data before facts: before a scheduled job loads facts, every configured sub-account that has never had a
/// successful reference batch (a new source, or a first start of <c>run</c>) gets its reference sync first, so its
/// first facts credit the real agents and queues rather than inferred members. Each such sub-account is tried once per
/// process; when the sync fails, facts still load (with inferred members, completed by the next successful reference
/// sync), the failure goes into the job's summary and log, and <c>status</c> shows the source's reference data as
/// missing until the hourly reference job or <c>sync-reference</c> succeeds.
/// </summary>
public sealed class ReferenceFirst(RingCxOptions ringCx, IWarehouse warehouse, ReferenceSyncService reference, ILogger<ReferenceFirst> logger) : IDisposable
{
    /// <summary>The <c>load_batch.report</c> of reference batches.</summary>
    public const string ReferenceReport = "reference";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _tried = new(StringComparer.Ordinal);

    /// <summary>Syncs the reference data of every configured sub-account still without any; returns the failures.</summary>
    public async Task<SyncRunSummary> EnsureAsync(CancellationToken cancellationToken)
    {
        // One at a time: the intraday and nightly jobs may start together, and one sync per sub-account is enough.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var summaries = await WarehouseOperations.For(warehouse).GetBatchSummariesAsync(cancellationToken);
            var loaded = summaries
                .Where(s => s.Report == ReferenceReport && s.Succeeded > 0)
                .Select(s => s.SourceId)
                .ToHashSet(StringComparer.Ordinal);
            var due = SourceSelection.Select(ringCx, null)
                .Where(p => !loaded.Contains(p.SubAccountId) && _tried.Add(p.SubAccountId))
                .ToList();
            var parts = await Task.WhenAll(due.Select(p => SyncOneAsync(p.Source, p.SubAccountId, cancellationToken)));
            return SyncRunSummary.Combine(parts);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<SyncRunSummary> SyncOneAsync(SourceOptions source, string subAccountId, CancellationToken cancellationToken)
    {
        logger.LogInformation("{Source}/{SubAccount} has no reference data yet: syncing it before its facts", source.Name, subAccountId);
        try
        {
            await reference.SyncAsync(subAccountId, cancellationToken);
            return new SyncRunSummary(0, 0, []);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A failed reference sync must not stop the facts: they load with inferred members.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(
                "{Source}/{SubAccount}: the reference sync before its facts failed; facts credit inferred agents until sync-reference succeeds: {Error}",
                source.Name, subAccountId, ex.Message);
            return new SyncRunSummary(0, 0, [new WindowFailure(source.Name, subAccountId, ReferenceReport, null, ex.Message)]);
        }
    }
}
