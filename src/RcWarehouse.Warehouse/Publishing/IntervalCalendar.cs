using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RcWarehouse.Core.Intervals;

namespace RcWarehouse.Warehouse.Publishing;

/// <summary>
/// The dim_interval row of a UTC slot: its key, and where it falls in the business time zone (local date, time, hour,
/// ISO day of week, weekend). The single place those columns are computed, for both engines.
/// </summary>
internal sealed class IntervalCalendar(TimeZoneInfo businessZone)
{
    /// <summary>The parameters of SQLite's one-slot <see cref="WarehouseSql.InsertInterval"/> for the slot starting at <paramref name="slotUtc"/>.</summary>
    public (string Name, object? Value)[] Parameters(DateTime slotUtc)
    {
        var row = Row(slotUtc);
        return
        [
            ("@interval_key", row.Key),
            ("@start_utc", slotUtc),
            ("@local_start", row.Local),
            ("@local_date", DateOnly.FromDateTime(row.Local)),
            ("@local_time", TimeOnly.FromDateTime(row.Local)),
            ("@local_hour", row.Local.Hour),
            ("@day_of_week", row.IsoDay),
            ("@is_weekend", row.IsWeekend),
        ];
    }

    /// <summary>
    /// Every slot of <paramref name="window"/> as one JSON array, the <c>@intervals</c> parameter of SQL Server's set-based
    /// <see cref="WarehouseSql.InsertInterval"/>: <c>[{"interval_key":..,"start_utc":"yyyy-MM-dd HH:mm:ss.fff",
    /// "local_start":"..","local_date":"yyyy-MM-dd","local_time":"HH:mm:ss","local_hour":..,"day_of_week":..,"is_weekend":true}]</c>.
    /// </summary>
    public string Json(UtcWindow window)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var slot in IntervalKey.SlotsIn(window))
            {
                var row = Row(slot);
                writer.WriteStartObject();
                writer.WriteNumber("interval_key", row.Key);
                writer.WriteString("start_utc", slot.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture));
                writer.WriteString("local_start", row.Local.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture));
                writer.WriteString("local_date", row.Local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.WriteString("local_time", row.Local.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
                writer.WriteNumber("local_hour", row.Local.Hour);
                writer.WriteNumber("day_of_week", row.IsoDay);
                writer.WriteBoolean("is_weekend", row.IsWeekend);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private (long Key, DateTime Local, int IsoDay, bool IsWeekend) Row(DateTime slotUtc)
    {
        var local = DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(slotUtc, businessZone), DateTimeKind.Unspecified);
        var isoDay = local.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)local.DayOfWeek;
        return (IntervalKey.FromUtc(slotUtc), local, isoDay, local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
    }
}
