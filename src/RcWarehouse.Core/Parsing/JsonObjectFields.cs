using System.Text.Json;
using RcWarehouse.Core.Errors;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// The properties of one JSON object, found case-insensitively, read with the shared value rules. Absent and null
/// mean the same; empty strings read as null. Errors carry the element's line and the property's JSON path.
/// One instance is reused per object being read.
/// </summary>
internal sealed class JsonObjectFields(string filePath)
{
    private readonly Dictionary<string, JsonProperty> _properties = new(StringComparer.OrdinalIgnoreCase);
    private long _line;
    private string _path = "$";

    public IEnumerable<string> Names => _properties.Values.Select(p => p.Name);

    public SourceLocation Location => new(_line, _path);

    public string FilePath => filePath;

    public void Load(JsonElement element, long line, string path)
    {
        _properties.Clear();
        _line = line;
        _path = path;
        if (element.ValueKind != JsonValueKind.Object)
        {
            ReportThrow.Format(filePath, Location, null, $"expected an object, found {element.ValueKind}");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!_properties.TryAdd(property.Name, property))
            {
                ReportThrow.Format(filePath, At(property.Name), property.Name,
                    $"the object already has {ErrorText.QuoteName(_properties[property.Name].Name)}; names differing only in case are ambiguous");
            }
        }
    }

    public bool Contains(string name) => _properties.ContainsKey(name);

    public SourceLocation At(string name) => new(_line, $"{_path}.{NameOf(name)}");

    public string NameOf(string name) => _properties.TryGetValue(name, out var property) ? property.Name : name;

    public JsonElement? Value(string name) =>
        _properties.TryGetValue(name, out var property) && property.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? property.Value
            : null;

    public string? Text(string name)
    {
        if (Value(name) is not { } value)
        {
            return null;
        }

        var text = JsonValueText.Of(value, filePath, At(name), NameOf(name));
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>
    /// The text of a property that must fit a column of <paramref name="maxLength"/> characters. The error gives the
    /// length only: some of these fields (addresses, notes) are personal data.
    /// </summary>
    public string? Text(string name, int maxLength)
    {
        var text = Text(name);
        return text is null || text.Length <= maxLength ? text : Fail<string>(name, AggregateRecord.TooLong(text.Length, maxLength));
    }

    public string RequiredText(string name, int maxLength = ColumnLimits.Id) => Text(name, maxLength)?.Trim() ?? Missing<string>(name);

    /// <summary>A non-negative number of milliseconds; <paramref name="multiplier"/> 1000 reads seconds.</summary>
    public long? Milliseconds(string name, decimal multiplier = 1m)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        var problem = FieldValueParser.TryParseMilliseconds(text, multiplier, multiplier == 1m ? "milliseconds" : "seconds", out var value);
        return problem is null ? value : Fail<long>(name, problem);
    }

    public DateTime? Utc(string name)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        var problem = FieldValueParser.TryParseUtcTimestamp(text, out var utc);
        return problem is null ? utc : Fail<DateTime>(name, problem);
    }

    public bool Flag(string name)
    {
        if (Value(name) is not { } value)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(value.GetString()?.Trim(), out var flag) => flag,
            _ => Fail<bool>(name, $"{ErrorText.Quote(value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind.ToString())} is not true or false"),
        };
    }

    public T Missing<T>(string name) => ReportThrow.Format<T>(filePath, At(name), NameOf(name), "a value is required but the field is empty or missing");

    public T Fail<T>(string name, string problem) => ReportThrow.Format<T>(filePath, At(name), NameOf(name), problem);
}
