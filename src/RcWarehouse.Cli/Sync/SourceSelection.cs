using System.Globalization;
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
            : throw new UsageException($"--source '{source}' matches no configured source name or sub-account id; configured: {Configured(options)}");
    }

    /// <summary>
    /// The one sub-account a <c>--source</c> value names for <c>load-files</c> (whose rows belong to exactly one): a
    /// configured source name (with a single sub-account) or a configured sub-account id. On a machine with no sources
    /// configured (loading hand-supplied files offline) a sub-account id, which is all digits, is taken as given.
    /// </summary>
    public static (string SubAccountId, string? SourceName) ResolveOne(RingCxOptions options, string source)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (options.Sources.Count == 0)
        {
            return source.All(char.IsAsciiDigit)
                ? (source, null)
                : throw new UsageException($"--source '{source}' is not a sub-account id, and no RingCX sources are configured to name (RingCx:Sources)");
        }

        foreach (var configured in options.Sources)
        {
            if (configured.SubAccountIds.Contains(source, StringComparer.Ordinal))
            {
                return (source, configured.Name);
            }
        }

        var named = options.Sources.Where(s => string.Equals(s.Name, source, StringComparison.OrdinalIgnoreCase)).ToList();
        if (named is [{ SubAccountIds: [var only] } one])
        {
            return (only, one.Name);
        }

        if (named.Count > 0)
        {
            throw new UsageException(
                $"--source '{source}' names a source with several sub-accounts ({string.Join(", ", named.SelectMany(s => s.SubAccountIds))}); give the sub-account id the file belongs to");
        }

        throw new UsageException($"--source '{source}' is not a configured source name or sub-account id; configured: {Configured(options)}");
    }

    private static string Configured(RingCxOptions options) =>
        string.Join("; ", options.Sources.Select(s => string.Create(
            CultureInfo.InvariantCulture, $"{s.Name} (sub-account{(s.SubAccountIds.Count == 1 ? "" : "s")} {string.Join(", ", s.SubAccountIds)})")));
}
