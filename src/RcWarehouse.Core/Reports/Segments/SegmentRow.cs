namespace RcWarehouse.Core.Reports.Segments;

/// <summary>
/// One call leg (segment) of the interaction metadata report, from either generation.
/// Legacy v2 names the agent by RingCentral user id (<see cref="RcUserId"/>); the current generation by RingCX agent id
/// (<see cref="AgentId"/>, from segmentParticipantId) and RingCentral extension id (<see cref="RcUserId"/>).
/// </summary>
public sealed record SegmentRow
{
    /// <summary>Current generation only.</summary>
    public string? DialogId { get; init; }

    public required string InteractionId { get; init; }

    /// <summary>Text in both generations (legacy's integer segmentID is written as its decimal digits).</summary>
    public required string SegmentId { get; init; }

    public string? AgentId { get; init; }

    public string? RcUserId { get; init; }

    public string? AgentGroupId { get; init; }

    public string? SegmentType { get; init; }

    public string? ChannelType { get; init; }

    public string? ChannelClass { get; init; }

    public string? Direction { get; init; }

    public DateTime? InteractionStartUtc { get; init; }

    public long? InteractionDurationMs { get; init; }

    /// <summary>Segment start (legacy segmentContactStartTimeMs, else interactionStartTimeMs); its slot is the fact's interval.</summary>
    public required DateTime SegmentStartUtc { get; init; }

    public DateTime? SegmentEndUtc { get; init; }

    /// <summary>Milliseconds; legacy segmentDuration (seconds) is multiplied by 1000.</summary>
    public long? SegmentDurationMs { get; init; }

    public string? CallingAddress { get; init; }

    public string? CalledAddress { get; init; }

    public string? RecordingUrl { get; init; }

    public bool HasRecording { get; init; }

    public bool HasTranscript { get; init; }

    public string? SystemDisposition { get; init; }

    public string? AgentDisposition { get; init; }

    public string? AgentNotes { get; init; }

    public IReadOnlyList<SegmentEventRow> Events { get; init; } = [];

    /// <summary>The top-level fields this row has no property for, in file order (<see cref="SegmentField"/>).</summary>
    public IReadOnlyList<SegmentField> Attributes { get; init; } = [];
}
