using RcWarehouse.Core.Intervals;

namespace RcWarehouse.Warehouse.Publishing;

/// <summary>
/// The dim_interval row of a UTC slot: its key, and where it falls in the business time zone (local date, time, hour,
/// ISO day of week, weekend). The single place those columns are computed, for both engines.
/// </summary>
internal sealed class IntervalCalendar(TimeZoneInfo businessZone)
{
    /// <summary>The parameters of <see cref="WarehouseSql.InsertInterval"/> for the slot starting at <paramref name="slotUtc"/>.</summary>
    public (string Name, object? Value)[] Parameters(DateTime slotUtc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(slotUtc, businessZone);
        var isoDay = local.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)local.DayOfWeek;
        return
        [
            ("@interval_key", IntervalKey.FromUtc(slotUtc)),
            ("@start_utc", slotUtc),
            ("@local_start", DateTime.SpecifyKind(local, DateTimeKind.Unspecified)),
            ("@local_date", DateOnly.FromDateTime(local)),
            ("@local_time", TimeOnly.FromDateTime(local)),
            ("@local_hour", local.Hour),
            ("@day_of_week", isoDay),
            ("@is_weekend", local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday),
        ];
    }
}
