namespace RcWarehouse.Core.Intervals;

public static class TimeZones
{
    /// <summary>Finds a zone by IANA id (America/New_York, and aliases such as US/Eastern) or Windows id; "UTC" and "Z" are UTC.</summary>
    public static TimeZoneInfo Find(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var trimmed = id.Trim();
        if (trimmed is "UTC" or "Z" or "Etc/UTC" or "GMT")
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(trimmed);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new TimeZoneNotFoundException($"unknown time zone '{trimmed}': use an IANA id such as America/New_York or UTC");
        }
        catch (InvalidTimeZoneException ex)
        {
            throw new TimeZoneNotFoundException($"time zone '{trimmed}' cannot be read: {ex.Message}", ex);
        }
    }
}
