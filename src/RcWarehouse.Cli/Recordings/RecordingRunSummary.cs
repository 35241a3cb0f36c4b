namespace RcWarehouse.Cli.Recordings;

/// <summary>
/// What one archive run did: segments looked at, audio and transcripts landed and recorded, rows recovered from an
/// interrupted run, and failed fetches (each recorded in etl.recording_failure).
/// </summary>
public sealed record RecordingRunSummary(int Segments, int AudioRecorded, int TranscriptsRecorded, int Recovered, int Failed, long BytesLanded)
{
    public static RecordingRunSummary Empty { get; } = new(0, 0, 0, 0, 0, 0);
}
