using RcWarehouse.Cli.Verification;
using RcWarehouse.Warehouse.Verification;
using Xunit;

namespace RcWarehouse.Tests.Cli;

/// <summary>Which batch's numbers each 15-minute slot holds, as <c>verify</c> reads it from the successful batches' windows.</summary>
public sealed class VerifyCoverageTests
{
    private static readonly DateTime Day = new(2026, 11, 3, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_later_batch_holds_the_slots_it_covers_and_the_earlier_one_keeps_the_rest()
    {
        // Given an intraday window 09:00-12:00 and a later re-pull of 10:00-11:00
        var intraday = Batch("queue-stats", 1, 9, 12);
        var repull = Batch("queue-stats", 2, 10, 11);

        // When the slots are painted in batch order
        var slots = VerifyService.Paint([intraday, repull], Day, Day.AddDays(1))["queue-stats"];

        // Then 12 slots are loaded, the re-pulled four by the re-pull
        Assert.Equal(12, slots.Count);
        Assert.Equal(2, slots[Day.AddHours(10)].LoadBatchId);
        Assert.Equal(2, slots[Day.AddHours(10).AddMinutes(45)].LoadBatchId);
        Assert.Equal(1, slots[Day.AddHours(11)].LoadBatchId);
        Assert.Equal(1, slots[Day.AddHours(9).AddMinutes(45)].LoadBatchId);
    }

    [Fact]
    public void A_slot_a_window_covers_only_in_part_is_not_loaded_and_the_range_bounds_the_slots()
    {
        // Given a window that starts and ends inside slots, and a range that cuts it
        var odd = new BatchWindow("segments", 1, Day.AddHours(9).AddMinutes(5), Day.AddHours(10).AddMinutes(20), Day.AddDays(1));

        var slots = VerifyService.Paint([odd], Day.AddHours(9), Day.AddHours(10).AddMinutes(15))["segments"];

        // Then only the whole slots inside both remain: 09:15 .. 10:00
        Assert.Equal([Day.AddHours(9).AddMinutes(15), Day.AddHours(9).AddMinutes(30), Day.AddHours(9).AddMinutes(45), Day.AddHours(10)], slots.Keys.Order());
    }

    private static BatchWindow Batch(string report, long id, int fromHour, int toHour) =>
        new(report, id, Day.AddHours(fromHour), Day.AddHours(toHour), Day.AddHours(toHour).AddMinutes(5 * id));
}
