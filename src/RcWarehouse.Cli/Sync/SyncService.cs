using RcWarehouse.Cli.Operations;
using RcWarehouse.RingCx;
using RcWarehouse.RingCx.Extraction;

namespace RcWarehouse.Cli.Sync;

/// <summary>
/// Extract, land, load. Each answer is landed before it is parsed and loaded from disk, so a failed load is retried
/// from the landed file, never re-downloaded. Sub-accounts run in parallel (each has its own rate-limit budget);
/// within a sub-account, windows run in time order so a later window never lands before an earlier one.
/// </summary>
public sealed class SyncService(RingCxOptions options, RingCxExtractor extractor, WindowRunner? runner)
{
    /// <summary>Land only: nothing is loaded (<see cref="SyncedFile.Load"/> is null).</summary>
    public Task<IReadOnlyList<SyncedFile>> ExtractAsync(SyncRequest request, CancellationToken cancellationToken) =>
        RunAsync(request, load: false, cancellationToken);

    public Task<IReadOnlyList<SyncedFile>> SyncAsync(SyncRequest request, CancellationToken cancellationToken) =>
        RunAsync(request, load: true, cancellationToken);

    private async Task<IReadOnlyList<SyncedFile>> RunAsync(SyncRequest request, bool load, CancellationToken cancellationToken)
    {
        if (request.ToUtc <= request.FromUtc)
        {
            throw new UsageException("--to must be after --from");
        }

        if (load && runner is null)
        {
            throw new InvalidOperationException("sync needs a warehouse");
        }

        var perSubAccount = await Task.WhenAll(
            SourceSelection.Select(options, request.Source).Select(p => RunSubAccountAsync(p.Source, p.SubAccountId, request, load, cancellationToken)));
        return [.. perSubAccount.SelectMany(files => files)];
    }

    private async Task<List<SyncedFile>> RunSubAccountAsync(SourceOptions source, string subAccountId, SyncRequest request, bool load, CancellationToken cancellationToken)
    {
        var done = new List<SyncedFile>();
        foreach (var report in request.Reports)
        {
            await foreach (var landed in extractor.ExtractStreamAsync(source, subAccountId, report, request.FromUtc, request.ToUtc, cancellationToken))
            {
                var result = load ? await runner!.LoadLandedAsync(landed.Path, landed.Manifest, cancellationToken) : null;
                done.Add(new SyncedFile(source.Name, subAccountId, landed, result));
            }
        }

        return done;
    }
}
