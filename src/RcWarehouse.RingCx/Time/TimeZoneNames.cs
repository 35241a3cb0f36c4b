namespace RcWarehouse.RingCx.Time;

/// <summary>
/// Resolves the zone names a configuration or RingCX uses: IANA ids, the old <c>US/Eastern</c> aliases (in a small
/// table, because not every tz database ships the "backward" links) and Windows ids.
/// </summary>
public static class TimeZoneNames
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["US/Eastern"] = "America/New_York",
        ["US/Central"] = "America/Chicago",
        ["US/Mountain"] = "America/Denver",
        ["US/Pacific"] = "America/Los_Angeles",
        ["US/Alaska"] = "America/Anchorage",
        ["US/Hawaii"] = "Pacific/Honolulu",
        ["US/Arizona"] = "America/Phoenix",
        ["GMT"] = "Etc/UTC",
    };

    /// <summary>
    /// The id to record for a configured zone name: the IANA id an alias stands for (<c>US/Eastern</c> becomes
    /// <c>America/New_York</c>), so a manifest can be read on a machine whose tz database lacks the old aliases.
    /// </summary>
    public static string CanonicalId(string name)
    {
        var zone = Resolve(name);
        return zone == TimeZoneInfo.Utc ? "UTC" : Aliases.TryGetValue(name.Trim(), out var alias) ? alias : zone.Id;
    }

    public static TimeZoneInfo Resolve(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        name = name.Trim();
        if (name.Equals("UTC", StringComparison.OrdinalIgnoreCase) || name.Equals("Etc/UTC", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone)
            || (Aliases.TryGetValue(name, out var alias) && TimeZoneInfo.TryFindSystemTimeZoneById(alias, out zone)))
        {
            return zone;
        }

        throw new ArgumentException($"Unknown time zone '{name}' (use an IANA id such as America/New_York, a US/Eastern style alias or a Windows id).", nameof(name));
    }
}
