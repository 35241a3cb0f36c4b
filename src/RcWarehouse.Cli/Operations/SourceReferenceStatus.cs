using RcWarehouse.Warehouse.Operations;

namespace RcWarehouse.Cli.Operations;

/// <summary>
/// One source's reference data: when its last reference batch succeeded (<paramref name="ReferenceLoadedUtc"/>, null
/// when none ever has, so its facts credit inferred agents), and how many reference batches failed.
/// </summary>
public sealed record SourceReferenceStatus(string SourceId, string? SourceName, DateTime? ReferenceLoadedUtc, long FailedReferenceBatches)
{
    public bool Missing => ReferenceLoadedUtc is null;

    /// <summary>Every source the warehouse has batches of, from the batch summaries.</summary>
    public static IReadOnlyList<SourceReferenceStatus> From(IReadOnlyList<BatchSummary> summaries) =>
        [.. summaries
            .GroupBy(s => s.SourceId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var reference = g.FirstOrDefault(s => s.Report == ReferenceFirst.ReferenceReport);
                return new SourceReferenceStatus(
                    g.Key,
                    g.Select(s => s.SourceName).FirstOrDefault(n => n is not null),
                    reference is { Succeeded: > 0 } ? reference.LastSuccessUtc : null,
                    reference?.Failed ?? 0);
            })];
}
