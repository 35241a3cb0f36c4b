using System.Buffers;
using System.Text;
using System.Text.Json;
using RcWarehouse.Core.Reports.Segments;
using RcWarehouse.Warehouse.PersonalData;

namespace RcWarehouse.Warehouse.Staging;

/// <summary>
/// Writes a segment's kept fields as one JSON object of strings, <c>{"name":"value",...}</c>, their values already
/// protected: the publish step unpacks it (json_each / OPENJSON) into fact_segment_attribute.
/// </summary>
internal static class SegmentAttributesJson
{
    public static string? Write(IReadOnlyList<SegmentField> attributes, SegmentAttributeProtector protector)
    {
        if (attributes.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(64 * attributes.Count);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var attribute in attributes)
            {
                writer.WriteString(attribute.Name, protector.Protect(attribute));
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
