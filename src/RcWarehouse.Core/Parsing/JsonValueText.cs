using System.Text.Json;

namespace RcWarehouse.Core.Parsing;

/// <summary>The text of a JSON scalar as the shared value rules read it: strings as is, numbers as their exact source text.</summary>
internal static class JsonValueText
{
    /// <summary>Null for JSON null; the exact digits for numbers, so ids beyond 2^53 survive.</summary>
    public static string? Of(JsonElement value, string filePath, SourceLocation at, string field) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => ReportThrow.Format<string>(filePath, at, field, $"expected a number or a string, found {(value.ValueKind == JsonValueKind.Object ? "an object" : "an array")}"),
    };
}
