using System.Runtime.CompilerServices;
using RcWarehouse.Core.Landing;
using RcWarehouse.Core.Parsing;
using RcWarehouse.Core.Reports;

namespace RcWarehouse.Warehouse.Loading;

/// <summary>Loads one report file as one batch: hash, parse (streaming), stage, publish.</summary>
public static class ReportFileLoader
{
    public static async Task<LoadResult> LoadAsync(IWarehouse warehouse, FileLoadRequest request, Action<string>? onWarning, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(request.FilePath);
        var sha256 = await FileHashes.Sha256Async(path, cancellationToken);
        // A file that no longer matches its manifest is refused, and nothing its manifest says is taken as fact: the
        // batch is still recorded as failed, but the manifest's source name is not written into dim_source.
        var tampered = request.ExpectedSha256 is not null && !string.Equals(request.ExpectedSha256, sha256, StringComparison.OrdinalIgnoreCase);
        var batch = new BatchRequest(request.SourceId, request.Report, request.Window, path, sha256, tampered ? null : request.SourceName, request.SettledUntilUtc);
        var context = new ReportFileContext(path, request.TimeZone, request.Window, onWarning);

        return request.Report switch
        {
            ReportKind.AgentExtended => await warehouse.LoadAsync(
                batch, Verified(request.ExpectedSha256, sha256, path, ReportFileReader.ReadAgentExtendedAsync(context, request.Format, cancellationToken), cancellationToken), cancellationToken),
            ReportKind.QueueStats => await warehouse.LoadAsync(
                batch, Verified(request.ExpectedSha256, sha256, path, ReportFileReader.ReadQueueStatsAsync(context, request.Format, cancellationToken), cancellationToken), cancellationToken),
            ReportKind.Segments => await warehouse.LoadAsync(
                batch, Verified(request.ExpectedSha256, sha256, path, ReportFileReader.ReadSegmentsAsync(context, request.Format, cancellationToken), cancellationToken), cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Report, "unknown report"),
        };
    }

    // The check runs inside the batch's row stream so that a tampered file is recorded as a failed batch, like any bad input.
    private static async IAsyncEnumerable<TRow> Verified<TRow>(
        string? expected, string actual, string path, IAsyncEnumerable<TRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (expected is not null && !string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"{path}: SHA-256 {actual} does not match the manifest's {expected}; the landed file changed after landing and is not loaded");
        }

        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }
}
