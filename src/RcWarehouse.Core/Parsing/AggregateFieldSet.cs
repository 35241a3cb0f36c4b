using System.Diagnostics.CodeAnalysis;

namespace RcWarehouse.Core.Parsing;

/// <summary>The fields of one aggregate report, found by any of their names (case-insensitive, trimmed).</summary>
internal sealed class AggregateFieldSet
{
    private readonly Dictionary<string, AggregateField> _byName = new(StringComparer.OrdinalIgnoreCase);
    // By AggregateField.Number: a row's dozens of field lookups are array reads, not dictionary probes.
    private readonly int[] _index;

    public AggregateFieldSet(IReadOnlyList<AggregateField> fields, bool keepsOtherNumbers = false)
    {
        KeepsOtherNumbers = keepsOtherNumbers;
        Fields = [.. AggregateFields.IntervalStart, .. fields];
        _index = new int[Fields.Max(f => f.Number) + 1];
        Array.Fill(_index, -1);
        for (var i = 0; i < Fields.Count; i++)
        {
            _index[Fields[i].Number] = i;
            foreach (var name in Fields[i].Names)
            {
                _byName.TryAdd(name, Fields[i]);
            }
        }
    }

    public IReadOnlyList<AggregateField> Fields { get; }

    /// <summary>
    /// True for a report whose fields are not public (agent statistics): a field the report does not know is passed to
    /// <see cref="AggregateRecord.SetOther"/> and kept when its value is a number, instead of being ignored.
    /// </summary>
    public bool KeepsOtherNumbers { get; }

    public int IndexOf(AggregateField field) =>
        field.Number < _index.Length && _index[field.Number] is >= 0 and var index ? index : throw new KeyNotFoundException($"The field {field} is not in this report.");

    public bool TryFind(string name, [NotNullWhen(true)] out AggregateField? field) => _byName.TryGetValue(name.Trim(), out field);

    /// <summary>The required fields <paramref name="isPresent"/> says are absent; the start is dateTimeFrom or else date_from and time.</summary>
    public IEnumerable<AggregateField> MissingRequired(Func<AggregateField, bool> isPresent)
    {
        foreach (var field in Fields)
        {
            if (field.IsRequiredAlone && !isPresent(field))
            {
                yield return field;
            }
        }

        if (!isPresent(AggregateFields.DateTimeFrom))
        {
            if (!isPresent(AggregateFields.DateFrom))
            {
                yield return AggregateFields.DateFrom;
            }

            if (!isPresent(AggregateFields.Time))
            {
                yield return AggregateFields.Time;
            }
        }
    }
}
