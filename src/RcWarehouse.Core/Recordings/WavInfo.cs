namespace RcWarehouse.Core.Recordings;

/// <summary>What a WAV file's header says: its encoding and how long the audio in its data chunk plays.</summary>
public sealed record WavInfo(int AudioFormat, int Channels, int SampleRateHz, int BitsPerSample, int ByteRate, long DataBytes)
{
    /// <summary>Whole milliseconds of audio (data bytes over the byte rate the fmt chunk declares).</summary>
    public long DurationMs => ByteRate == 0 ? 0 : DataBytes * 1000 / ByteRate;
}
