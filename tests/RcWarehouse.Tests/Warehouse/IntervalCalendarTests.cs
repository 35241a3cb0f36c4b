using System.Text.Json;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Warehouse.Publishing;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>SQL Server's set-based calendar insert reads the same columns SQLite's one-slot insert binds.</summary>
public sealed class IntervalCalendarTests
{
    [Fact]
    public void Json_CarriesEverySlotWithTheColumnsOfTheOneSlotParameters()
    {
        var calendar = new IntervalCalendar(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        var start = new DateTime(2026, 1, 3, 4, 45, 0, DateTimeKind.Utc);

        using var json = JsonDocument.Parse(calendar.Json(new UtcWindow(start, start.AddMinutes(30))));

        Assert.Equal(2, json.RootElement.GetArrayLength());
        var first = json.RootElement[0];
        var parameters = calendar.Parameters(start).ToDictionary(p => p.Name[1..], p => p.Value);
        Assert.Equal(parameters["interval_key"], first.GetProperty("interval_key").GetInt64());
        Assert.Equal("2026-01-03 04:45:00.000", first.GetProperty("start_utc").GetString());
        Assert.Equal("2026-01-02 23:45:00.000", first.GetProperty("local_start").GetString());
        Assert.Equal("2026-01-02", first.GetProperty("local_date").GetString());
        Assert.Equal("23:45:00", first.GetProperty("local_time").GetString());
        Assert.Equal(23, first.GetProperty("local_hour").GetInt32());
        Assert.Equal(5, first.GetProperty("day_of_week").GetInt32()); // Friday
        Assert.False(first.GetProperty("is_weekend").GetBoolean());
        Assert.True(json.RootElement[1].GetProperty("is_weekend").GetBoolean()); // 00:00 Saturday local
        Assert.Equal(parameters["day_of_week"], 5);
    }
}
