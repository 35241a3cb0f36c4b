using System.Text.RegularExpressions;

namespace RcWarehouse.Warehouse.SegmentFields;

/// <summary>
/// Checks <c>Warehouse:SegmentLabels</c> and <c>Warehouse:SegmentPersonalFields</c>. A label becomes a column name of a
/// generated view, so only plain identifiers pass (they are quoted as well); a field name becomes a string literal
/// (its quotes doubled) and must fit the attribute name column. Errors name the key, never the configured value.
/// </summary>
internal static partial class SegmentLabelRules
{
    /// <summary>The columns v_segment_labeled has whatever the labels.</summary>
    public static readonly IReadOnlyList<string> KeyColumns = ["source_key", "interaction_id", "segment_id"];

    public const int MaxLength = 128;

    public static void Validate(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, PersonalFieldKind> personalFields)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(personalFields);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (label, field) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var key = $"Warehouse:SegmentLabels:{label}";
            if (!Identifier().IsMatch(label))
            {
                throw new ArgumentException($"{key} is not a usable label: a label is a column name of v_segment_labeled, so it must start with a letter or an underscore and hold only letters, digits and underscores (at most {MaxLength} characters).");
            }

            if (KeyColumns.Contains(label, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"{key} is not a usable label: v_segment_labeled already has a column {label.ToLowerInvariant()}.");
            }

            if (!seen.Add(label))
            {
                throw new ArgumentException($"{key} is given twice (labels differing only in case are the same column).");
            }

            if (!IsFieldName(field))
            {
                throw new ArgumentException($"{key} must name a segment field: 1 to {MaxLength} printable characters.");
            }
        }

        foreach (var field in personalFields.Keys)
        {
            if (!IsFieldName(field))
            {
                throw new ArgumentException($"Warehouse:SegmentPersonalFields has a field name that is empty, longer than {MaxLength} characters or not printable.");
            }
        }
    }

    private static bool IsFieldName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxLength && !name.Any(char.IsControl);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
