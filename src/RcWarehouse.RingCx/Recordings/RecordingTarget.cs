namespace RcWarehouse.RingCx.Recordings;

/// <summary>Which segment's recording or transcript to fetch: the current generation names it by dialog and segment, the legacy one by URL.</summary>
public sealed record RecordingTarget(string SubAccountId, string InteractionId, string SegmentId, string? DialogId, string? RecordingUrl);
