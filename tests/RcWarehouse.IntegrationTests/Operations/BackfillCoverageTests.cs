using RcWarehouse.Cli.Operations;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;
using RcWarehouse.RingCx.Extraction;
using Xunit;

namespace RcWarehouse.IntegrationTests.Operations;

/// <summary>Which planned windows a resumed backfill may skip: only those successful batches cover completely.</summary>
public sealed class BackfillCoverageTests
{
    [Theory]
    [InlineData("", false)]
    [InlineData("00-03", true)]
    [InlineData("00-06", true)]
    [InlineData("00-01 01-03", true)]
    [InlineData("01-02 00-01 02-03", true)]
    [InlineData("00-01 02-03", false)]
    [InlineData("01-03", false)]
    [InlineData("00-02", false)]
    public void PlannedWindow_IsCovered_OnlyWhenLoadedWindowsSpanItWithoutGaps(string loaded, bool covered)
    {
        var window = new PlannedWindow(ReportKind.QueueStats, At(0), At(3));
        var windows = loaded.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Split('-'))
            .Select(p => new UtcWindow(At(int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture)), At(int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))))
            .ToList();
        Assert.Equal(covered, BackfillService.IsCovered(window, windows));
    }

    private static DateTime At(int hour) => new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc).AddHours(hour);
}
