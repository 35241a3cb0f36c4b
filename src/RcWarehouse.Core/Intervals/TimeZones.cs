namespace RcWarehouse.Core.Intervals;

/// <summary>
/// Resolves the zone names configurations, manifests and RingCX requests use: IANA ids, the old <c>US/Eastern</c>
/// aliases (in a small table, because not every tz database ships the "backward" links), Windows ids, and UTC.
/// </summary>
public static class TimeZones
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
    };

    private static readonly HashSet<string> UtcNames = new(StringComparer.OrdinalIgnoreCase) { "UTC", "Z", "Etc/UTC", "GMT", "Etc/GMT" };

    /// <summary>The zone, or a <see cref="TimeZoneNotFoundException"/> whose message names it and says what is accepted.</summary>
    public static TimeZoneInfo Find(string id) =>
        TryFind(id, out var zone)
            ? zone
            : throw new TimeZoneNotFoundException($"unknown time zone '{id?.Trim()}': use an IANA id such as America/New_York, a US/Eastern style alias, or UTC");

    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        var name = id.Trim();
        if (UtcNames.Contains(name))
        {
            return true;
        }

        try
        {
            return TimeZoneInfo.TryFindSystemTimeZoneById(name, out zone!)
                || (Aliases.TryGetValue(name, out var alias) && TimeZoneInfo.TryFindSystemTimeZoneById(alias, out zone!));
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <summary>
    /// The id to record for a zone name: the IANA id an alias stands for (<c>US/Eastern</c> becomes <c>America/New_York</c>),
    /// so a manifest can be read on a machine whose tz database lacks the old aliases.
    /// </summary>
    public static string CanonicalId(string id)
    {
        var zone = Find(id);
        return zone == TimeZoneInfo.Utc ? "UTC" : Aliases.TryGetValue(id.Trim(), out var alias) ? alias : zone.Id;
    }
}
