using Microsoft.Extensions.Logging;
using RcWarehouse.Core.Reference;
using RcWarehouse.RingCx;
using RcWarehouse.RingCx.Extraction;
using RcWarehouse.Warehouse;

namespace RcWarehouse.Cli.Sync;

/// <summary>
/// Reference data (agent groups, agents with supervisors, queue groups, queues with agents) for every selected
/// sub-account: landed as received, like every other answer, then read back from the landed files (never from memory,
/// so a reload of the files gives the same snapshot) and loaded into the dimensions when a warehouse is given.
/// </summary>
public sealed class ReferenceSyncService(RingCxOptions options, RingCxExtractor extractor, IWarehouse? warehouse, ILogger<ReferenceSyncService> logger)
{
    public async Task<IReadOnlyList<ReferenceSyncResult>> SyncAsync(string? source, CancellationToken cancellationToken)
    {
        var selected = SourceSelection.Select(options, source);
        var perSubAccount = await Task.WhenAll(selected.Select(async p =>
        {
            var files = await extractor.ExtractReferenceAsync(p.Source, p.SubAccountId, cancellationToken);
            logger.LogInformation("{Source}/{SubAccount}: landed {Count} reference file(s)", p.Source.Name, p.SubAccountId, files.Count);
            ReferenceLoadResult? load = null;
            if (warehouse is not null)
            {
                var snapshot = await ReferenceFileReader.ReadSnapshotAsync(p.SubAccountId, files.Select(f => (f.Path, f.Manifest)), cancellationToken);
                load = await warehouse.LoadReferenceAsync(snapshot with { SourceName = p.Source.Name }, cancellationToken);
                logger.LogInformation(
                    "{Source}/{SubAccount}: reference batch {Batch} as of {AsOf:O}: {Agents} agents, {Queues} queues, {Changes} change(s)",
                    p.Source.Name, p.SubAccountId, load.LoadBatchId, load.AsOfUtc, snapshot.Agents.Count, snapshot.Queues.Count, load.Changes);
            }

            return new ReferenceSyncResult(p.Source.Name, p.SubAccountId, files, load);
        }));
        return perSubAccount;
    }
}
