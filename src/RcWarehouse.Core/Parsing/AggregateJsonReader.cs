using System.Runtime.CompilerServices;
using System.Text.Json;
using RcWarehouse.Core.Errors;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// Streams a current-generation JSON aggregate report: a top-level array of objects whose property names are matched
/// to fields case-insensitively under any of their names (camelCase with Ixn, camelCase with Call, snake_case).
/// </summary>
internal static class AggregateJsonReader
{
    public static async IAsyncEnumerable<TRow> ReadAsync<TRow>(
        ReportFileContext context,
        AggregateSchema<TRow> schema,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = context.FilePath;
        await using var stream = ReportFileStreams.OpenRead(path);
        var record = new AggregateRecord(schema.Fields, path, isJson: true);
        var mapper = new AggregateRowMapper<TRow>(schema, context);
        var warned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var item in new JsonArrayReader(stream, path).ReadAsync(cancellationToken))
        {
            if (item.Element.ValueKind != JsonValueKind.Object)
            {
                ReportThrow.Format(path, item.Location, null, $"each element of a {schema.ReportName} array must be an object, found {item.Element.ValueKind}");
            }

            record.Start(item.Location);
            foreach (var property in item.Element.EnumerateObject())
            {
                var at = item.At(property.Name);
                if (schema.Fields.TryFind(property.Name, out var field))
                {
                    record.Set(field, JsonValueText.Of(property.Value, path, at, property.Name), property.Name, at);
                }
                else if (schema.Fields.KeepsOtherNumbers)
                {
                    record.SetOther(property.Name, OtherText(property.Value), at);
                    if (warned.Add(property.Name))
                    {
                        context.OnWarning?.Invoke($"{path}:{item.Line} at {at.JsonPath}: keeping the numbers of unknown field {ErrorText.QuoteName(property.Name)} of the {schema.ReportName} report as other measures");
                    }
                }
                else if (warned.Add(property.Name))
                {
                    context.OnWarning?.Invoke($"{path}:{item.Line} at {at.JsonPath}: ignoring unknown field {ErrorText.QuoteName(property.Name)} of the {schema.ReportName} report");
                }
            }

            yield return mapper.Map(record);
        }
    }

    // An unknown field is kept only when it is a number; an object or array never is, and is not an error either.
    private static string? OtherText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
