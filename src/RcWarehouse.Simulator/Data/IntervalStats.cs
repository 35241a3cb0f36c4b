namespace RcWarehouse.Simulator;

/// <summary>One agent x queue x interval, the numbers behind every agent extended statistics answer.</summary>
public sealed record AgentQueueIntervalStats(
    DateTime IntervalStartUtc,
    int IntervalMinutes,
    SimAgent Agent,
    SimQueueInfo Queue,
    long TalkingCallDur,
    long WrapUpDur,
    long AnswCallCnt,
    long TransferOutCallCnt);

/// <summary>One queue x interval, the numbers behind every queue statistics answer.</summary>
public sealed record QueueIntervalStats(
    DateTime IntervalStartUtc,
    int IntervalMinutes,
    SimQueueInfo Queue,
    long OffdDirectCallCnt,
    long OverflowInCallCnt,
    long AbandCallCnt,
    long OverflowOutCallCnt,
    long AnswCallCnt,
    long QueuedAndAnswCallDur,
    long QueuedAndAbandCallDur,
    long TalkingCallDur,
    long WrapUpDur,
    long QueuedAnswLongestQueDur,
    long QueuedAbandLongestQueDur,
    long AnsServicelevelCnt,
    long WaitDur,
    long AbandShortCallCnt,
    long AbandWithinSlCnt,
    long CompletedContacts,
    long SegmentHoldTimeMs);

/// <summary>
/// One agent x interval across queues (the agent statistics report): how the agent's logged-in time splits into
/// available, ringing, talking, wrap-up and away (they add up to <see cref="LoggedInDur"/>), plus hold time within talking
/// and the contacts presented and answered. Talk, wrap-up, answered and transferred agree with agent extended statistics.
/// </summary>
public sealed record AgentIntervalStats(
    DateTime IntervalStartUtc,
    int IntervalMinutes,
    SimAgent Agent,
    long LoggedInDur,
    long AvailableDur,
    long RingingDur,
    long TalkingCallDur,
    long WrapUpDur,
    long AwayDur,
    long HoldDur,
    long PresentedCallCnt,
    long AnswCallCnt,
    long TransferOutCallCnt);

/// <summary>One segment as of a moment: the end is unknown while the leg is still going, the recording URL arrives later.</summary>
public sealed record SegmentSnapshot(SimCall Call, SimLeg Leg, SimAgent Agent, bool Ended, bool RecordingAvailable);
