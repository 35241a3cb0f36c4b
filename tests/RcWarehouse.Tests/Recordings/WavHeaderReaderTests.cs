using System.Buffers.Binary;
using RcWarehouse.Core.Recordings;
using Xunit;

namespace RcWarehouse.Tests.Recordings;

public sealed class WavHeaderReaderTests
{
    [Fact]
    public void PcmWav_GivesFormatAndDurationFromTheHeader()
    {
        // Given 250 ms of 8 kHz mono 16-bit PCM
        var wav = Wav(sampleRate: 8000, channels: 1, bits: 16, dataBytes: 4000);

        // When its header is read
        var info = WavHeaderReader.Read(wav, "a.wav");

        // Then
        Assert.Equal((1, 1, 8000, 16, 16000, 4000L, 250L), (info.AudioFormat, info.Channels, info.SampleRateHz, info.BitsPerSample, info.ByteRate, info.DataBytes, info.DurationMs));
    }

    [Fact]
    public void ChunksBeforeData_AreSkipped_IncludingAnOddSizedOneWithItsPadByte()
    {
        // Given a LIST chunk of 3 bytes (padded to 4) between fmt and data, stereo 44.1 kHz
        var wav = Wav(sampleRate: 44100, channels: 2, bits: 16, dataBytes: 176400, extra: ("LIST", 3));

        // Then the data chunk after it is found: one second of audio
        Assert.Equal(1000, WavHeaderReader.Read(wav, "b.wav").DurationMs);
    }

    [Fact]
    public void HeadOfALargeFile_IsEnough_SizesCountAgainstTheWholeFile()
    {
        // Given only the first 64 bytes of a one-second stereo 44.1 kHz file
        var wav = Wav(sampleRate: 44100, channels: 2, bits: 16, dataBytes: 176400);

        // When its header is read from that head and the file's length
        var info = WavHeaderReader.Read(wav.AsSpan(0, 64), wav.Length, "e.wav");

        // Then the data chunk's size is the declared one, not what the head holds
        Assert.Equal((176400L, 1000L), (info.DataBytes, info.DurationMs));
    }

    [Fact]
    public void ChunksBeforeDataBeyondTheHead_AreAnError_NotAGuess()
    {
        // Given a 10 000-byte LIST chunk before data, and a head of 1 000 bytes
        var wav = Wav(sampleRate: 8000, channels: 1, bits: 16, dataBytes: 1600, extra: ("LIST", 10_000));

        var ex = Assert.Throws<InvalidDataException>(() => WavHeaderReader.Read(wav.AsSpan(0, 1000), wav.Length, "f.wav"));

        Assert.Equal("f.wav: WAV chunks before the data chunk go past the first 1000 bytes read.", ex.Message);
    }

    [Fact]
    public void StreamedWav_WithDataSizeLeftOpen_CountsTheBytesPresent()
    {
        var wav = Wav(sampleRate: 8000, channels: 1, bits: 16, dataBytes: 1600);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(40), uint.MaxValue);

        Assert.Equal(100, WavHeaderReader.Read(wav, "c.wav").DurationMs);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'I', (byte)'D', (byte)'3', 4, 0, 0, 0, 0, 0, 0, 0, 0 }, "looks like an MP3")]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'1', (byte)'}', 32, 32, 32, 32, 32 }, "looks like text")]
    [InlineData(new byte[] { 1, 2 }, "2 byte(s)")]
    public void NotAWav_IsRefused_NamingTheFileAndWhatItLooksLike(byte[] bytes, string looksLike)
    {
        var ex = Assert.Throws<InvalidDataException>(() => WavHeaderReader.Read(bytes, "GET /recordings/x"));

        Assert.StartsWith("GET /recordings/x: not a WAV file", ex.Message, StringComparison.Ordinal);
        Assert.Contains(looksLike, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChunkSizePastTheEnd_IsAnError_NotAReadPastIt()
    {
        // Given a LIST chunk that claims more bytes than the file has
        var wav = Wav(sampleRate: 8000, channels: 1, bits: 16, dataBytes: 0, extra: ("LIST", 3));
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(36 + 4), 1_000_000);

        var ex = Assert.Throws<InvalidDataException>(() => WavHeaderReader.Read(wav, "d.wav"));

        Assert.Contains("d.wav: WAV chunk at byte 36 declares 1000000 bytes, past the end", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataBeforeFmt_AndMissingData_AreErrors()
    {
        var noData = Wav(8000, 1, 16, 0)[..36];
        Assert.Contains("without a data chunk", Assert.Throws<InvalidDataException>(() => WavHeaderReader.Read(noData, "e.wav")).Message, StringComparison.Ordinal);

        byte[] dataFirst = [.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8, .. "data"u8, 0, 0, 0, 0];
        Assert.Contains("before any fmt chunk", Assert.Throws<InvalidDataException>(() => WavHeaderReader.Read(dataFirst, "f.wav")).Message, StringComparison.Ordinal);
    }

    private static byte[] Wav(int sampleRate, int channels, int bits, int dataBytes, (string Id, int Size)? extra = null)
    {
        var extraBytes = extra is { } e ? 8 + e.Size + (e.Size & 1) : 0;
        var wav = new byte[44 + extraBytes + dataBytes];
        var s = wav.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], (uint)(wav.Length - 8));
        "WAVE"u8.CopyTo(s[8..]);
        "fmt "u8.CopyTo(s[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(s[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(s[22..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(s[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(s[28..], (uint)(sampleRate * channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(s[32..], (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(s[34..], (ushort)bits);
        var at = 36;
        if (extra is { } x)
        {
            System.Text.Encoding.ASCII.GetBytes(x.Id).CopyTo(s[at..]);
            BinaryPrimitives.WriteUInt32LittleEndian(s[(at + 4)..], (uint)x.Size);
            at += extraBytes;
        }

        "data"u8.CopyTo(s[at..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(at + 4)..], (uint)dataBytes);
        return wav;
    }
}
