using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace RcWarehouse.Simulator.Recordings;

/// <summary>
/// A segment's recording and transcript, generated from the segment alone (same bytes in every run and generation):
/// a real RIFF PCM WAV (8 kHz, mono, 16-bit) of 200-599 ms holding a tone whose pitch and length come from the ids,
/// and a JSON transcript of utterances.
/// </summary>
public static class SimulatedRecording
{
    public const int SampleRateHz = 8000;

    /// <summary>Length of the audio of a segment, in milliseconds.</summary>
    public static int DurationMs(SegmentSnapshot segment) => 200 + (int)(Hash(segment) % 400);

    public static byte[] Wav(SegmentSnapshot segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var samples = SampleRateHz * DurationMs(segment) / 1000;
        var frequency = 300 + (int)(Hash(segment) / 400 % 600);
        var dataBytes = samples * 2;
        var wav = new byte[44 + dataBytes];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + dataBytes));
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], SampleRateHz);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], SampleRateHz * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)dataBytes);
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(8000 * Math.Sin(2 * Math.PI * frequency * i / SampleRateHz));
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (i * 2))..], value);
        }

        return wav;
    }

    /// <summary>An MP3-looking body (ID3 tag), what RingCX answers a browser-like client: not a WAV.</summary>
    public static byte[] Mp3Like() => [(byte)'I', (byte)'D', (byte)'3', 4, 0, 0, 0, 0, 0, 0, 0xFF, 0xFB, 0x90, 0x64];

    public static byte[] TranscriptJson(SegmentSnapshot segment, string dialogId)
    {
        ArgumentNullException.ThrowIfNull(segment);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("dialogId", dialogId);
            writer.WriteString("segmentId", segment.Leg.SegmentNumber.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("language", "en-US");
            writer.WriteStartArray("utterances");
            var ms = DurationMs(segment);
            Utterance(writer, "agent", 0, ms / 2, $"Thank you for calling, this is agent {segment.Agent.AgentId}.");
            Utterance(writer, "customer", ms / 2, ms, $"Hello, I am calling about interaction {segment.Call.InteractionId}.");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Utterance(Utf8JsonWriter writer, string speaker, int startMs, int endMs, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("speaker", speaker);
        writer.WriteNumber("startMs", startMs);
        writer.WriteNumber("endMs", endMs);
        writer.WriteString("text", text);
        writer.WriteEndObject();
    }

    // FNV-1a over the ids: stable across runs and .NET versions (string.GetHashCode is randomised per process).
    private static ulong Hash(SegmentSnapshot segment)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in $"{segment.Call.InteractionId}/{segment.Leg.SegmentNumber}")
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
