using System.Text.Json;

namespace RcWarehouse.Core.Parsing;

/// <summary>One element of a top-level JSON array: its index, the line it starts on, and the value.</summary>
internal readonly record struct JsonArrayItem(int Index, long Line, JsonElement Element)
{
    public string Path => $"$[{Index}]";

    public SourceLocation Location => new(Line, Path);

    public SourceLocation At(string property) => new(Line, $"$[{Index}].{property}");
}
