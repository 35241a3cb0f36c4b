using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RcWarehouse.Warehouse.Recordings;

namespace RcWarehouse.Cli.Recordings;

/// <summary>
/// The archive's crash journal: after a file has landed and before its row is written, a receipt holding the row is
/// written (temporary name, then rename) under <c>{landing}/recordings/.pending/</c>; it is deleted once the row is in
/// the warehouse. A run first replays the receipts left by an interrupted one, so a landed file is never fetched again
/// and never left without its row.
/// </summary>
internal sealed class PendingReceipts(string landingRoot)
{
    private readonly string _folder = Path.Combine(Path.GetFullPath(landingRoot), "recordings", ".pending");

    public IEnumerable<string> Files() =>
        Directory.Exists(_folder) ? Directory.EnumerateFiles(_folder, "*.receipt.json").Order(StringComparer.Ordinal) : [];

    public async Task<string> WriteAsync(RecordingRow? audio, TranscriptRow? transcript, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_folder);
        var (artifact, sourceKey, interaction, segment) = audio is not null
            ? (WarehouseRecordings.Audio, audio.SourceKey, audio.InteractionId, audio.SegmentId)
            : (WarehouseRecordings.Transcript, transcript!.SourceKey, transcript.InteractionId, transcript.SegmentId);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{sourceKey}/{interaction}/{segment}")))[..24];
        var path = Path.Combine(_folder, $"{artifact}-{key}.receipt.json");
        var temp = path + ".tmp";
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        await using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("artifact", artifact);
            if (audio is not null)
            {
                WriteCommon(writer, audio.SourceKey, audio.InteractionId, audio.SegmentId, audio.FilePath, audio.Sha256, audio.ByteCount, audio.ContentType, audio.FetchedUtc);
                writer.WriteString("dialogId", audio.DialogId);
                writer.WriteString("segmentStartUtc", audio.SegmentStartUtc.ToString("O", CultureInfo.InvariantCulture));
                writer.WriteNumber("durationMs", audio.DurationMs);
                writer.WriteNumber("sampleRateHz", audio.SampleRateHz);
                writer.WriteNumber("channelCount", audio.ChannelCount);
            }
            else
            {
                WriteCommon(writer, transcript!.SourceKey, transcript.InteractionId, transcript.SegmentId, transcript.FilePath, transcript.Sha256, transcript.ByteCount, transcript.ContentType, transcript.FetchedUtc);
                writer.WriteString("transcriptText", transcript.TranscriptText);
            }

            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <summary>The row a receipt holds (exactly one of the two is set).</summary>
    /// <exception cref="InvalidDataException">The receipt is not one this class wrote (named, with the JSON path).</exception>
    public static async Task<(RecordingRow? Audio, TranscriptRow? Transcript)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(bytes);
            var r = json.RootElement;
            var fetched = DateTime.Parse(r.GetProperty("fetchedUtc").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            var common = (Key: r.GetProperty("sourceKey").GetInt64(), Interaction: r.GetProperty("interactionId").GetString()!, Segment: r.GetProperty("segmentId").GetString()!,
                File: r.GetProperty("filePath").GetString()!, Sha: r.GetProperty("sha256").GetString()!, Bytes: r.GetProperty("byteCount").GetInt64(),
                ContentType: r.GetProperty("contentType").GetString());
            return r.GetProperty("artifact").GetString() == WarehouseRecordings.Audio
                ? (new RecordingRow(common.Key, common.Interaction, common.Segment, r.GetProperty("dialogId").GetString(),
                    DateTime.Parse(r.GetProperty("segmentStartUtc").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    common.File, common.Sha, common.Bytes, r.GetProperty("durationMs").GetInt64(), r.GetProperty("sampleRateHz").GetInt32(),
                    r.GetProperty("channelCount").GetInt32(), common.ContentType, fetched), null)
                : (null, new TranscriptRow(common.Key, common.Interaction, common.Segment, common.File, common.Sha, common.Bytes, common.ContentType,
                    r.GetProperty("transcriptText").GetString(), fetched));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: not a recording receipt this version wrote ({ex.GetType().Name}); move it aside after checking the warehouse has its row.", ex);
        }
    }

    private static void WriteCommon(Utf8JsonWriter writer, long sourceKey, string interactionId, string segmentId, string filePath, string sha256, long byteCount, string? contentType, DateTime fetchedUtc)
    {
        writer.WriteNumber("sourceKey", sourceKey);
        writer.WriteString("interactionId", interactionId);
        writer.WriteString("segmentId", segmentId);
        writer.WriteString("filePath", filePath);
        writer.WriteString("sha256", sha256);
        writer.WriteNumber("byteCount", byteCount);
        writer.WriteString("contentType", contentType);
        writer.WriteString("fetchedUtc", fetchedUtc.ToString("O", CultureInfo.InvariantCulture));
    }
}
