namespace RcWarehouse.Warehouse.Recordings;

/// <summary>A published segment that still lacks its audio (<see cref="NeedsAudio"/>) or transcript.</summary>
public sealed record PendingSegment(
    long SourceKey,
    string SubAccountId,
    string? SourceName,
    string InteractionId,
    string SegmentId,
    string? DialogId,
    string? RecordingUrl,
    DateTime SegmentStartUtc,
    DateTime SegmentEndUtc,
    bool NeedsAudio,
    bool NeedsTranscript);

/// <summary>One <c>fact_recording</c> row; <see cref="FilePath"/> is relative to the landing root, with forward slashes.</summary>
public sealed record RecordingRow(
    long SourceKey,
    string InteractionId,
    string SegmentId,
    string? DialogId,
    DateTime SegmentStartUtc,
    string FilePath,
    string Sha256,
    long ByteCount,
    long DurationMs,
    int SampleRateHz,
    int ChannelCount,
    string? ContentType,
    DateTime FetchedUtc);

/// <summary>One <c>fact_transcript</c> row; <see cref="TranscriptText"/> is null when the answer's format was not recognised.</summary>
public sealed record TranscriptRow(
    long SourceKey,
    string InteractionId,
    string SegmentId,
    string FilePath,
    string Sha256,
    long ByteCount,
    string? ContentType,
    string? TranscriptText,
    DateTime FetchedUtc);

/// <summary>A segment's audio or transcript that could not be fetched or landed, and how often that happened.</summary>
public sealed record RecordingFailureRecord(
    string SubAccountId,
    string? SourceName,
    string InteractionId,
    string SegmentId,
    string Artifact,
    int Attempts,
    string Error,
    DateTime FirstFailedUtc,
    DateTime LastFailedUtc);

/// <summary>A recording past retention; <see cref="FileStillNeeded"/> when a newer segment has the same audio.</summary>
public sealed record PruneCandidate(long SourceKey, string InteractionId, string SegmentId, string FilePath, string Sha256, bool FileStillNeeded);
