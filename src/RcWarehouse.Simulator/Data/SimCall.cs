namespace RcWarehouse.Simulator;

/// <summary>
/// One inbound call offered to a queue. All of its counts and durations are credited to the interval of
/// <see cref="StartUtc"/>, in every report, so the reports agree with each other.
/// <see cref="VisibleAtUtc"/> is when the call shows up in reports (between its start and its slot's settle time).
/// </summary>
public sealed record SimCall(
    string InteractionId,
    long QueueId,
    DateTime StartUtc,
    int WaitSec,
    bool Abandoned,
    string CallingAddress,
    string CalledAddress,
    DateTime VisibleAtUtc,
    IReadOnlyList<SimLeg> Legs);

/// <summary>
/// One agent leg (segment) of a call. The first leg is answered from the call's queue; a transfer adds a leg answered
/// from another queue (overflow out of the first, overflow in to the second).
/// </summary>
public sealed record SimLeg(
    int SegmentNumber,
    long AgentId,
    long QueueId,
    DateTime StartUtc,
    int TalkSec,
    int WrapSec,
    int HoldMs,
    bool TransferredOut,
    bool Recorded)
{
    public DateTime EndUtc => StartUtc.AddSeconds(TalkSec);
}
