using System.Text;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// One field of an aggregate report under all the names it goes by: the legacy snake_case name, the current JSON
/// camelCase name, the camelCase of the snake name (without the Call-to-Ixn rename) and any spelling a guide uses.
/// Instances are compared by reference, so reports that share a field share the instance.
/// </summary>
internal sealed class AggregateField
{
    private static int _created;

    public AggregateField(string snakeName, string jsonName, AggregateFieldKind kind, params string[] otherNames)
    {
        Number = Interlocked.Increment(ref _created) - 1;
        SnakeName = snakeName;
        JsonName = jsonName;
        Kind = kind;
        Names = [snakeName, jsonName, SnakeToCamel(snakeName), .. otherNames];
    }

    /// <summary>A small number unique to this instance (fields are static singletons), so a field set finds a field's slot by array index.</summary>
    public int Number { get; }

    public string SnakeName { get; }

    public string JsonName { get; }

    public AggregateFieldKind Kind { get; }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The date and time fields are required as a group (dateTimeFrom, or date_from with time); the schema checks them.</summary>
    public bool IsRequiredAlone => Kind is AggregateFieldKind.IntervalMinutes or AggregateFieldKind.Id or AggregateFieldKind.Count or AggregateFieldKind.DurationSeconds;

    /// <summary>The name an error uses when the field is missing: the one the format would have used.</summary>
    public string NameFor(bool json) => json ? JsonName : SnakeName;

    public override string ToString() => SnakeName;

    private static string SnakeToCamel(string snake)
    {
        var sb = new StringBuilder(snake.Length);
        var upper = false;
        foreach (var c in snake)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return sb.ToString();
    }
}
