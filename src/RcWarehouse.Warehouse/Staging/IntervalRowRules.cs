using System.Globalization;
using RcWarehouse.Core.Intervals;

namespace RcWarehouse.Warehouse.Staging;

/// <summary>The checks interval reports share: the start is a slot start, the length is whole slots, the ids are there.</summary>
internal static class IntervalRowRules
{
    public static string? Check(DateTime startUtc, int intervalMinutes, params ReadOnlySpan<(string Name, string? Value)> ids)
    {
        if (!IntervalKey.IsSlotStart(startUtc))
        {
            return string.Create(CultureInfo.InvariantCulture, $"interval start {startUtc:yyyy-MM-dd HH:mm:ss}Z is not on a {IntervalKey.SlotMinutes}-minute boundary");
        }

        if (intervalMinutes <= 0 || intervalMinutes % IntervalKey.SlotMinutes != 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"interval minutes {intervalMinutes} is not a positive multiple of {IntervalKey.SlotMinutes}");
        }

        foreach (var (name, value) in ids)
        {
            if (string.IsNullOrEmpty(value))
            {
                return $"{name} is empty";
            }
        }

        return null;
    }
}
