using System.Buffers.Binary;

namespace RcWarehouse.Core.Recordings;

/// <summary>
/// Reads a RIFF/WAVE header: walks the chunks after <c>RIFF....WAVE</c> until it has <c>fmt </c> and <c>data</c>,
/// skipping others (LIST, fact, ...). Bounded: at most <see cref="MaxChunks"/> chunks are walked, and every size is
/// checked against the bytes actually there, so a corrupt header fails instead of reading past the end. A file that is
/// not a WAV (an MP3, an error page) is refused, naming the file; the bytes themselves are never echoed.
/// </summary>
public static class WavHeaderReader
{
    public const int MaxChunks = 64;

    private const int RiffHeaderBytes = 12;
    private const int ChunkHeaderBytes = 8;
    private const int MinFmtBytes = 16;

    /// <param name="bytes">The whole file (or at least everything up to the data chunk's header).</param>
    /// <param name="name">The file or request the bytes came from, for the error message.</param>
    /// <exception cref="InvalidDataException">The bytes are not a RIFF/WAVE file with fmt and data chunks.</exception>
    public static WavInfo Read(ReadOnlySpan<byte> bytes, string name) => Read(bytes, bytes.Length, name);

    /// <summary>
    /// Reads the header from the first bytes of a file of <paramref name="fileLength"/> bytes (the rest need not be
    /// in memory): sizes are checked against the whole file, and the chunks before <c>data</c> must lie within
    /// <paramref name="head"/>.
    /// </summary>
    /// <param name="head">The file's first bytes (all of them for a short file).</param>
    /// <param name="fileLength">The whole file's length.</param>
    /// <param name="name">The file or request the bytes came from, for the error message.</param>
    /// <exception cref="InvalidDataException">The bytes are not a RIFF/WAVE file with fmt and data chunks.</exception>
    public static WavInfo Read(ReadOnlySpan<byte> head, long fileLength, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fileLength, head.Length);
        var bytes = head;
        if (bytes.Length < RiffHeaderBytes || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8))
        {
            throw Error(name, $"not a WAV file: it does not begin with a RIFF/WAVE header ({Describe(bytes)})");
        }

        WavInfo? format = null;
        var offset = RiffHeaderBytes;
        for (var chunk = 0; chunk < MaxChunks; chunk++)
        {
            if (fileLength - offset < ChunkHeaderBytes)
            {
                throw Error(name, format is null ? "WAV file without a fmt chunk" : "WAV file without a data chunk");
            }

            if (bytes.Length - offset < ChunkHeaderBytes)
            {
                throw Error(name, $"WAV chunks before the data chunk go past the first {bytes.Length} bytes read");
            }

            var id = bytes.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(offset + 4, 4));
            var body = offset + ChunkHeaderBytes;
            var available = fileLength - body;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < MinFmtBytes || size > available)
                {
                    throw Error(name, $"WAV fmt chunk at byte {offset} declares {size} bytes ({available} present, at least {MinFmtBytes} needed)");
                }

                if (bytes.Length - body < MinFmtBytes)
                {
                    throw Error(name, $"WAV fmt chunk at byte {offset} goes past the first {bytes.Length} bytes read");
                }

                var fmt = bytes.Slice(body, MinFmtBytes);
                format = new WavInfo(
                    BinaryPrimitives.ReadUInt16LittleEndian(fmt[..2]),
                    BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..4]),
                    (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..8])),
                    BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..16]),
                    (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(fmt[8..12])),
                    0);
                if (format.Channels == 0 || format.SampleRateHz == 0 || format.ByteRate == 0)
                {
                    throw Error(name, $"WAV fmt chunk at byte {offset} declares {format.Channels} channel(s), {format.SampleRateHz} Hz, {format.ByteRate} bytes/s");
                }
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is null)
                {
                    throw Error(name, $"WAV data chunk at byte {offset} comes before any fmt chunk");
                }

                // A streamed WAV may leave the size at 0 or 0xFFFFFFFF; a short file has fewer bytes than declared.
                // Either way the audio is what is there.
                long dataBytes = size == 0 || size > available ? available : size;
                return format with { DataBytes = dataBytes };
            }

            // Chunks are padded to an even size.
            var next = (long)body + size + (size & 1);
            if (next > fileLength)
            {
                throw Error(name, $"WAV chunk at byte {offset} declares {size} bytes, past the end of the file ({fileLength} bytes)");
            }

            if (next > bytes.Length)
            {
                throw Error(name, $"WAV chunks before the data chunk go past the first {bytes.Length} bytes read");
            }

            offset = (int)next;
        }

        throw Error(name, $"no WAV data chunk within the first {MaxChunks} chunks");
    }

    private static string Describe(ReadOnlySpan<byte> bytes) =>
        bytes.Length < 4 ? $"{bytes.Length} byte(s)"
        : bytes[..3].SequenceEqual("ID3"u8) || (bytes[0] == 0xFF && (bytes[1] & 0xE0) == 0xE0) ? "it looks like an MP3"
        : bytes[0] is (byte)'{' or (byte)'[' or (byte)'<' ? "it looks like text (JSON, XML or HTML)"
        : "unknown format";

    private static InvalidDataException Error(string name, string problem) => new($"{name}: {problem}.");
}
