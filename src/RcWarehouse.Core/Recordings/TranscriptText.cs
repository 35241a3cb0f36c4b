using System.Text;
using System.Text.Json;

namespace RcWarehouse.Core.Recordings;

/// <summary>
/// The text of a transcript answer, when its shape is one this reader knows. RingCX does not document the format
/// (assumed JSON): the raw answer is always kept; the text is extracted from a top-level <c>transcript</c> or
/// <c>text</c> string, or from an array of parts (<c>utterances</c>, <c>segments</c>, <c>results</c>, <c>transcript</c>)
/// each with <c>text</c> (or <c>transcript</c>/<c>utterance</c>) and optionally <c>speaker</c>. Anything else gives null.
/// </summary>
public static class TranscriptText
{
    private static readonly string[] PartArrays = ["utterances", "segments", "results", "transcript"];
    private static readonly string[] PartTexts = ["text", "transcript", "utterance"];

    /// <summary>The text, one part per line (<c>speaker: text</c>), or null when the answer is not recognised.</summary>
    public static string? TryExtract(ReadOnlySpan<byte> json, int maxDepth = 16)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return root.ValueKind == JsonValueKind.Array ? FromParts(root) : null;
            }

            foreach (var name in new[] { "transcript", "text" })
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
            }

            foreach (var name in PartArrays)
            {
                if (root.TryGetProperty(name, out var parts) && parts.ValueKind == JsonValueKind.Array)
                {
                    return FromParts(parts);
                }
            }

            return null;
        }
    }

    private static string? FromParts(JsonElement parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var line = PartTexts.Select(n => part.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null).FirstOrDefault(v => v is not null);
            if (line is null)
            {
                return null;
            }

            if (text.Length > 0)
            {
                text.Append('\n');
            }

            if (part.TryGetProperty("speaker", out var speaker) && speaker.ValueKind == JsonValueKind.String)
            {
                text.Append(speaker.GetString()).Append(": ");
            }

            text.Append(line);
        }

        return text.ToString();
    }
}
