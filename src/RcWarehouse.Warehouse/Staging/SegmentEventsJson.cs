using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RcWarehouse.Core.Reports.Segments;

namespace RcWarehouse.Warehouse.Staging;

/// <summary>
/// Writes a segment's events as <c>[{"seq":1,"type":"...","time":"yyyy-MM-dd HH:mm:ss.fff","client_time":null}]</c>.
/// Times use the warehouse's text form so SQLite stores them as they are and SQL Server converts them to datetime2(3).
/// </summary>
internal static class SegmentEventsJson
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss.fff";

    public static string? Write(IReadOnlyList<SegmentEventRow> events)
    {
        if (events.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(64 * events.Count);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var e in events)
            {
                writer.WriteStartObject();
                writer.WriteNumber("seq", e.Seq);
                writer.WriteString("type", e.EventType);
                WriteTime(writer, "time", e.EventTimeUtc);
                WriteTime(writer, "client_time", e.ClientEventTimeUtc);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTime? value)
    {
        if (value is { } t)
        {
            writer.WriteString(name, StageLayout<SegmentRow>.AsUtc(t, "event time").ToString(TimeFormat, CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
