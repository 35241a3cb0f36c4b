using RcWarehouse.RingCx;

namespace RcWarehouse.Cli.Sync;

public static class SourceSelection
{
    /// <summary>The configured sub-accounts a <c>--source</c> value selects: all, or those whose source name or sub-account id matches.</summary>
    public static IReadOnlyList<(SourceOptions Source, string SubAccountId)> Select(RingCxOptions options, string? source)
    {
        if (options.Sources.Count == 0)
        {
            throw new UsageException("no RingCX sources are configured (RingCx:Sources in appsettings.json or RCW_RingCx__Sources__0__... variables)");
        }

        var selected = options.Sources
            .SelectMany(s => s.SubAccountIds.Select(sub => (Source: s, SubAccountId: sub)))
            .Where(p => source is null
                || string.Equals(p.Source.Name, source, StringComparison.OrdinalIgnoreCase)
                || string.Equals(p.SubAccountId, source, StringComparison.Ordinal))
            .ToList();
        return selected.Count > 0
            ? selected
            : throw new UsageException($"--source '{source}' matches no configured source name or sub-account id");
    }
}
