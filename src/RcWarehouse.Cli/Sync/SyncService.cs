using RcWarehouse.Cli.Operations;
using RcWarehouse.RingCx;
using RcWarehouse.RingCx.Extraction;

namespace RcWarehouse.Cli.Sync;

/// <summary>
/// Extract, land, load. Each answer is landed before it is parsed and loaded from disk, so a failed load is retried
/// from the landed file, never re-downloaded. Sub-accounts run in parallel (each has its own rate-limit budget);
/// within a sub-account, windows run in time order so a later window never lands before an earlier one. A window that
/// fails is recorded (see <see cref="WindowRunner"/>) and the others still run; the failures are reported at the end.
/// </summary>
public sealed class SyncService(RingCxOptions options, RingCxExtractor extractor, WindowRunner? runner)
{
    /// <summary>Land only: nothing is loaded (<see cref="SyncedFile.Load"/> is null).</summary>
    public async Task<IReadOnlyList<SyncedFile>> ExtractAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        var perSubAccount = await Task.WhenAll(SourceSelection.Select(options, request.Source).Select(async p =>
        {
            var done = new List<SyncedFile>();
            foreach (var report in request.Reports)
            {
                await foreach (var landed in extractor.ExtractStreamAsync(p.Source, p.SubAccountId, report, request.FromUtc, request.ToUtc, cancellationToken))
                {
                    done.Add(new SyncedFile(p.Source.Name, p.SubAccountId, landed, null));
                }
            }

            return done;
        }));
        return [.. perSubAccount.SelectMany(files => files)];
    }

    /// <summary>
    /// Lands and loads every window; throws <see cref="WindowsFailedException"/> (carrying what did load) when any
    /// window failed, after the others ran.
    /// </summary>
    public async Task<IReadOnlyList<SyncedFile>> SyncAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        var summary = await RunAsync(request, cancellationToken);
        return summary.Succeeded ? summary.Files : throw new WindowsFailedException(summary);
    }

    /// <summary>Lands and loads every window and says what happened, failures included (each recorded in <c>etl.load_batch</c>).</summary>
    public async Task<SyncRunSummary> RunAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        if (runner is null)
        {
            throw new InvalidOperationException("sync needs a warehouse");
        }

        return await runner.RunRangeAsync(options, request, cancellationToken);
    }

    private static void Validate(SyncRequest request)
    {
        if (request.ToUtc <= request.FromUtc)
        {
            throw new UsageException("--to must be after --from");
        }
    }
}
