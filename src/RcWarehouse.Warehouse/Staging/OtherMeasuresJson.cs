using System.Buffers;
using System.Text;
using System.Text.Json;
using RcWarehouse.Core.Parsing;

namespace RcWarehouse.Warehouse.Staging;

/// <summary>Writes a row's other measures as <c>[{"name":"hold_dur","value":12.5}]</c> (null when there are none).</summary>
internal static class OtherMeasuresJson
{
    public static string? Write(IReadOnlyList<OtherMeasure> measures)
    {
        if (measures.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(40 * measures.Count);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var measure in measures)
            {
                writer.WriteStartObject();
                writer.WriteString("name", measure.Name);
                writer.WriteNumber("value", measure.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
