namespace RcWarehouse.Simulator;

/// <summary>
/// Resolves the time zone names RingCX requests carry: IANA ids, the old <c>US/Eastern</c> style aliases (kept in a
/// small table because not every tz database ships the "backward" links) and Windows ids.
/// </summary>
internal static class SimTimeZones
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
        ["Z"] = "Etc/UTC",
    };

    public static TimeZoneInfo? Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        name = name.Trim();
        if (name.Equals("UTC", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }

        foreach (var candidate in new[] { name, Aliases.GetValueOrDefault(name) })
        {
            if (candidate is not null && TimeZoneInfo.TryFindSystemTimeZoneById(candidate, out var zone))
            {
                return zone;
            }
        }

        return null;
    }
}
