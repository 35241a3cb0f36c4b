using RcWarehouse.Core.Reports;
using RcWarehouse.IntegrationTests.Simulator;
using RcWarehouse.RingCx;
using RcWarehouse.RingCx.Extraction;
using Xunit;

namespace RcWarehouse.IntegrationTests.RingCx;

public sealed class WindowPlannerTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 21, 7, 30, DateTimeKind.Utc);

    private static WindowPlanner Planner() => new(new RingCxOptions(), new ManualTimeProvider(new DateTimeOffset(Now)));

    private static SourceOptions Source(ApiGeneration generation, string zone = "UTC", int minutes = 15) =>
        new() { Name = "p", ApiGeneration = generation, TimeZone = zone, IntervalMinutes = minutes };

    private static DateTime At(int hour, int minute = 0) => new(2026, 11, 2, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void CxAggregates_UseThreeHourWindows_UpToTheLastIntervalEndedFiveMinutesAgo()
    {
        var windows = Planner().Plan(Source(ApiGeneration.Cx), ReportKind.QueueStats, At(8, 10), At(23));

        Assert.Equal([(At(8), At(11)), (At(11), At(14)), (At(14), At(17)), (At(17), At(20)), (At(20), At(21))], windows.Select(w => (w.StartUtc, w.EndUtc)));
        Assert.All(windows, w => Assert.False(w.RunsToNow));
    }

    [Fact]
    public void Metadata_StopsFifteenMinutesBeforeNow_InOneHourLegacyAndThreeHourCurrentWindows()
    {
        var legacy = Planner().Plan(Source(ApiGeneration.Legacy), ReportKind.Segments, At(18), At(22));
        var current = Planner().Plan(Source(ApiGeneration.Cx), ReportKind.Segments, At(15), At(22));

        Assert.Equal([At(18), At(19), At(20)], legacy.Select(w => w.StartUtc));
        Assert.Equal(At(20, 45), legacy[^1].EndUtc);
        Assert.Equal([(At(15), At(18)), (At(18), At(20, 45))], current.Select(w => (w.StartUtc, w.EndUtc)));
    }

    [Fact]
    public void LegacyAggregates_AreOneRequestThatRunsToNow()
    {
        var window = Assert.Single(Planner().Plan(Source(ApiGeneration.Legacy), ReportKind.AgentExtended, At(0), At(23)));

        Assert.True(window.RunsToNow);
        Assert.Equal((At(0), At(21)), (window.StartUtc, window.EndUtc));
    }

    [Fact]
    public void HourIntervals_InAHalfHourOffsetZone_AlignOnTheLocalHour()
    {
        var windows = Planner().Plan(Source(ApiGeneration.Cx, "Asia/Kolkata", 60), ReportKind.AgentExtended, At(9, 10), At(13));

        Assert.Equal([(At(8, 30), At(11, 30)), (At(11, 30), At(12, 30))], windows.Select(w => (w.StartUtc, w.EndUtc)));
    }

    [Fact]
    public void NothingSettledYet_PlansNothing()
    {
        Assert.Empty(Planner().Plan(Source(ApiGeneration.Cx), ReportKind.Segments, At(20, 50), At(21, 30)));
    }

    [Fact]
    public void UnsupportedIntervalLength_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => Planner().Plan(Source(ApiGeneration.Cx, minutes: 20), ReportKind.QueueStats, At(8), At(12)));
    }
}
