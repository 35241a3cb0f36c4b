using System.Globalization;

namespace RcWarehouse.IntegrationTests.Support;

/// <summary>
/// The simulator's agents work shifts in its business time zone (weekdays 07:00-18:30, at weekends a third of them
/// 10:00-16:00) and its calls follow a curve that is almost flat at night, so a test that loads the last hours before
/// the real clock's now and expects agent facts sets the simulator's zone here: then its outcome does not depend on the
/// hour of the day the test runs at.
/// </summary>
internal static class SimulatedBusinessDay
{
    /// <summary>
    /// A fixed-offset zone in which it is about 13:00 now, so the last few hours fall inside every simulated agent's
    /// shift whenever the test runs (the local weekday is the UTC one, give or take the day's edge).
    /// </summary>
    public static string MiddayZone()
    {
        var offset = 13 - TimeProvider.System.GetUtcNow().UtcDateTime.Hour;

        // Etc/GMT-N is N hours east of UTC (the sign is POSIX's, inverted).
        return offset switch
        {
            0 => "Etc/GMT",
            > 0 => $"Etc/GMT-{offset.ToString(CultureInfo.InvariantCulture)}",
            _ => $"Etc/GMT+{(-offset).ToString(CultureInfo.InvariantCulture)}",
        };
    }
}
