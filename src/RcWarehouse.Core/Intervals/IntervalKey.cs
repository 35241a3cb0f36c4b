using System.Globalization;

namespace RcWarehouse.Core.Intervals;

/// <summary>
/// The warehouse's interval grain: 15-minute UTC slots keyed as the bigint <c>yyyyMMddHHmm</c> of their start.
/// The keys sort in time order, so a window of slots is a key range.
/// </summary>
public static class IntervalKey
{
    public const int SlotMinutes = 15;

    public static long FromUtc(DateTime utc)
    {
        if (utc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Interval keys are built from UTC times.", nameof(utc));
        }

        return (((((long)utc.Year * 100) + utc.Month) * 100 + utc.Day) * 100 + utc.Hour) * 100 + utc.Minute;
    }

    public static DateTime ToUtc(long key) =>
        DateTime.SpecifyKind(
            DateTime.ParseExact(key.ToString(CultureInfo.InvariantCulture), "yyyyMMddHHmm", CultureInfo.InvariantCulture),
            DateTimeKind.Utc);

    /// <summary>The start of the 15-minute slot that contains <paramref name="utc"/>.</summary>
    public static DateTime SlotStart(DateTime utc)
    {
        var ticks = utc.Ticks - (utc.Ticks % TimeSpan.FromMinutes(SlotMinutes).Ticks);
        return new DateTime(ticks, DateTimeKind.Utc);
    }

    public static bool IsSlotStart(DateTime utc) => utc.Ticks % TimeSpan.FromMinutes(SlotMinutes).Ticks == 0;

    /// <summary>Every slot start in the window, in order.</summary>
    public static IEnumerable<DateTime> SlotsIn(UtcWindow window)
    {
        for (var t = SlotStart(window.StartUtc); t < window.EndUtc; t = t.AddMinutes(SlotMinutes))
        {
            yield return t;
        }
    }
}
