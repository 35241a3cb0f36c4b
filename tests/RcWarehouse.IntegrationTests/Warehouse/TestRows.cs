using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Parsing;
using RcWarehouse.Core.Reports.AgentExtended;
using RcWarehouse.Core.Reports.AgentStats;
using RcWarehouse.Core.Reports.QueueStats;
using RcWarehouse.Core.Reports.Segments;
using RcWarehouse.Warehouse;

namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>Rows built in code (the parsers are tested on their own) and the requests that carry them.</summary>
internal static class TestRows
{
    public static readonly DateTime Day = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime At(int hour, int minute) => Day.AddHours(hour).AddMinutes(minute);

    public static UtcWindow Window(int fromHour, int toHour) => new(At(fromHour, 0), At(toHour, 0));

    public static string NewSource(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    public static BatchRequest Request(string source, ReportKind report, UtcWindow? window) =>
        new(source, report, window, LandedFile: $"landing/{source}/{report.ToName()}/test.json", Sha256: new string('a', 64), SourceName: "Test " + source);

    public static QueueStatsRow Queue(string queueId, DateTime start, long answered = 10, decimal talking = 120m, decimal wait = 12.5m, string? name = null) => new()
    {
        IntervalStartUtc = start,
        IntervalMinutes = 15,
        QueueId = queueId,
        QueueName = name ?? "Queue " + queueId,
        OffdDirectCallCnt = answered + 2,
        OverflowInCallCnt = 1,
        AbandCallCnt = 2,
        OverflowOutCallCnt = 0,
        AnswCallCnt = answered,
        QueuedAndAnswCallDurSec = 300m,
        QueuedAndAbandCallDurSec = 45.25m,
        TalkingCallDurSec = talking,
        WrapUpDurSec = 30m,
        QueuedAnswLongestQueDurSec = 60m,
        QueuedAbandLongestQueDurSec = 20m,
        AnsServicelevelCnt = 9,
        WaitDurSec = wait,
        AbandShortCallCnt = 1,
        AbandWithinSlCnt = 1,
        CompletedContacts = queueId == "Q2" ? null : 11,
        SegmentHoldTimeMs = queueId == "Q2" ? null : 5000,
    };

    public static AgentExtendedRow Agent(string agentId, string queueId, DateTime start, long answered = 4, string? agentName = null, decimal talking = 600m) => new()
    {
        IntervalStartUtc = start,
        IntervalMinutes = 15,
        AgentId = agentId,
        AgentName = agentName,
        QueueId = queueId,
        QueueName = "Queue " + queueId,
        TalkingCallDurSec = talking,
        WrapUpDurSec = 90.5m,
        AnswCallCnt = answered,
        TransferOutCallCnt = 1,
    };

    public static AgentStatsRow AgentState(string agentId, DateTime start, decimal loggedIn = 900m, decimal talking = 400.5m, decimal away = 60m, string? agentName = null, params OtherMeasure[] others) => new()
    {
        IntervalStartUtc = start,
        IntervalMinutes = 15,
        AgentId = agentId,
        AgentName = agentName,
        LoggedInDurSec = loggedIn,
        AvailableDurSec = loggedIn - talking - 100m - away,
        TalkingCallDurSec = talking,
        WrapUpDurSec = 100m,
        AwayDurSec = away,
        PresentedCallCnt = 5,
        AnswCallCnt = 4,
        TransferOutCallCnt = 1,
        OtherMeasures = others,
    };

    public static SegmentRow Segment(string interactionId, string segmentId, DateTime start, string? agentId = "A1", string? disposition = "SALE", params SegmentEventRow[] events) => new()
    {
        DialogId = "D-" + interactionId,
        InteractionId = interactionId,
        SegmentId = segmentId,
        AgentId = agentId,
        RcUserId = agentId is null ? null : "rc-" + agentId,
        AgentGroupId = "G1",
        SegmentType = "AGENT",
        ChannelType = "VOICE",
        ChannelClass = "PHONE",
        Direction = "INBOUND",
        InteractionStartUtc = start,
        InteractionDurationMs = 185_000,
        SegmentStartUtc = start,
        SegmentEndUtc = start.AddSeconds(180),
        SegmentDurationMs = 180_000,
        CallingAddress = "+15551230000",
        CalledAddress = "+15559870000",
        RecordingUrl = "https://recordings.example/" + interactionId,
        HasRecording = true,
        HasTranscript = false,
        SystemDisposition = "COMPLETE",
        AgentDisposition = disposition,
        AgentNotes = "",
        Events = events,
    };

    public static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }
}
