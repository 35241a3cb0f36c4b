using Microsoft.Extensions.Logging;
using RcWarehouse.RingCx;
using RcWarehouse.RingCx.Extraction;
using RcWarehouse.RingCx.Landing;

namespace RcWarehouse.Cli.Sync;

/// <summary>
/// Reference data (agent groups, agents with supervisors, queue groups, queues with agents) for every selected
/// sub-account: landed as received, like every other answer.
/// </summary>
public sealed class ReferenceSyncService(RingCxOptions options, RingCxExtractor extractor, ILogger<ReferenceSyncService> logger)
{
    public async Task<IReadOnlyList<LandedFile>> SyncAsync(string? source, CancellationToken cancellationToken)
    {
        var selected = SourceSelection.Select(options, source);
        var perSubAccount = await Task.WhenAll(selected.Select(async p =>
        {
            var files = await extractor.ExtractReferenceAsync(p.Source, p.SubAccountId, cancellationToken);
            logger.LogInformation("{Source}/{SubAccount}: landed {Count} reference file(s)", p.Source.Name, p.SubAccountId, files.Count);
            return files;
        }));
        return [.. perSubAccount.SelectMany(f => f)];
    }
}
