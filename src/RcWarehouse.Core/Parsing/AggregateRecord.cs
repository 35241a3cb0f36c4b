using CsvHelper;
using RcWarehouse.Core.Errors;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// The raw text of one aggregate row, by field, as any format found it, with where each value came from.
/// One instance is reused for every row of a file. The typed getters apply the shared value rules and fail with the
/// field's own location and the name the file used for it.
/// A CSV record is not copied field by field: <see cref="BindCsv"/> maps each field to its column once per file, and
/// the getters read the CSV reader's current record, as UTF-8 bytes where a number or a repeated date needs no string
/// (the bytes are CsvHelper's transcoding of the checked UTF-16 text, so they are valid UTF-8). Whatever is not the
/// plain case (a sign, a fraction, an exponent, whitespace, a bad value) takes the string path, so the rules and the
/// error texts are the same either way.
/// </summary>
internal sealed class AggregateRecord(AggregateFieldSet fields, string filePath, bool isJson)
{
    private readonly RawValue[] _values = new RawValue[fields.Fields.Count];

    // The previous row's date and time texts and what they parsed to: consecutive rows of a slot repeat them.
    private (string? Text, DateTime Value) _lastDate;
    private (string? Text, TimeSpan Value) _lastTime;
    private readonly int[] _requiredAlone = [.. fields.Fields.Where(f => f.IsRequiredAlone).Select(fields.IndexOf)];
    private readonly int _dateTimeFromSlot = fields.IndexOf(AggregateFields.DateTimeFrom);
    private readonly int _dateFromSlot = fields.IndexOf(AggregateFields.DateFrom);
    private readonly int _timeSlot = fields.IndexOf(AggregateFields.Time);

    // CSV: the reader whose current record is this row, each field's column (-1: not in the file) and header name.
    private CsvReader? _csv;
    private int[] _csvColumns = [];
    private string?[] _csvNames = [];
    private byte[] _lastDateUtf8 = [];
    private byte[] _lastTimeUtf8 = [];

    // Fields the report does not know, in file order, for a report that keeps them (AggregateFieldSet.KeepsOtherNumbers).
    private readonly List<RawOther> _others = [];
    private HashSet<string>? _warnedOthers;

    /// <summary>Where a note about a kept-or-not unknown field goes (the file context's warning sink); set by the row mapper.</summary>
    public Action<string>? OnWarning { get; set; }

    public SourceLocation RowLocation { get; private set; }

    public string FilePath => filePath;

    public void Start(SourceLocation rowLocation)
    {
        Array.Clear(_values);
        _others.Clear();
        RowLocation = rowLocation;
    }

    /// <summary>
    /// Reads every following row from <paramref name="csv"/>'s current record, by the columns the header resolved (which
    /// names each field at most once); each row then starts with <see cref="StartCsvRow"/>.
    /// </summary>
    public void BindCsv(CsvReader csv, CsvHeader header)
    {
        _csv = csv;
        _csvColumns = new int[fields.Fields.Count];
        _csvNames = new string?[fields.Fields.Count];
        Array.Fill(_csvColumns, -1);
        for (var i = 0; i < header.Columns.Count; i++)
        {
            if (header.Columns[i] is { } field)
            {
                var slot = fields.IndexOf(field);
                _csvColumns[slot] = i;
                _csvNames[slot] = header.Names[i];
            }
        }
    }

    /// <summary>The CSV reader's current record is the next row; every value in it was found on <paramref name="rowLocation"/>.</summary>
    public void StartCsvRow(SourceLocation rowLocation)
    {
        RowLocation = rowLocation;
        _others.Clear();
    }

    public void Set(AggregateField field, string? text, string sourceName, SourceLocation at)
    {
        ref var slot = ref _values[fields.IndexOf(field)];
        if (slot.SourceName is not null)
        {
            ReportThrow.Format(filePath, at, sourceName, $"the row already has this field as {ErrorText.QuoteName(slot.SourceName)}");
        }

        slot = new RawValue(text, sourceName, at);
    }

    /// <summary>A field the report does not know, under the name the file used; <see cref="OtherMeasures"/> reads them.</summary>
    public void SetOther(string sourceName, string? text, SourceLocation at) => _others.Add(new RawOther(sourceName, text, at));

    /// <summary>
    /// The row's unknown fields that carry a number, named by <see cref="OtherMeasureRules.Normalize"/> and rounded to the
    /// millisecond precision of every stored duration. Empty values are absent; a value that is not a number is not
    /// kept, and the first such value of each field is reported once as a warning. Two fields with the same stored name
    /// in one row, a name too long to store, or a number beyond what the warehouse holds fail the file.
    /// </summary>
    public IReadOnlyList<OtherMeasure> OtherMeasures()
    {
        if (_others.Count == 0)
        {
            return [];
        }

        var measures = new List<OtherMeasure>(_others.Count);
        var names = new List<string>(_others.Count);
        var sources = new List<string>(_others.Count);
        foreach (var other in _others)
        {
            if (string.IsNullOrWhiteSpace(other.Text))
            {
                continue;
            }

            var name = OtherMeasureRules.Normalize(other.SourceName);
            if (name.Length == 0 || name.Length > OtherMeasureRules.MaxNameLength)
            {
                ReportThrow.Format(filePath, other.At, other.SourceName, name.Length == 0
                    ? "the field's name has no letters or digits to store it under"
                    : TooLong(name.Length, OtherMeasureRules.MaxNameLength) + " in a measure name");
            }

            if (OtherMeasureRules.TryParse(other.Text, out var value) is { } problem)
            {
                if (problem.Length > 0)
                {
                    ReportThrow.Format(filePath, other.At, other.SourceName, problem);
                }

                if ((_warnedOthers ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(other.SourceName))
                {
                    OnWarning?.Invoke($"{filePath}:{other.At.Line}{(other.At.JsonPath is { } path ? " at " + path : "")}: field {ErrorText.QuoteName(other.SourceName)} is not a number here; only numeric values of fields the loader does not know are kept");
                }

                continue;
            }

            var earlier = names.IndexOf(name);
            if (earlier >= 0)
            {
                ReportThrow.Format(filePath, other.At, other.SourceName,
                    $"the row already has this field as {ErrorText.QuoteName(sources[earlier])} (both are stored as measure {ErrorText.QuoteName(name)})");
            }

            names.Add(name);
            sources.Add(other.SourceName);
            measures.Add(new OtherMeasure(name, value));
        }

        return measures;
    }

    public bool HasValue(AggregateField field) => HasValueAt(fields.IndexOf(field));

    public void CheckRequired()
    {
        if (HasAllRequired())
        {
            return;
        }

        foreach (var field in fields.MissingRequired(HasValue))
        {
            ReportThrow.Missing(filePath, Where(field), NameOf(field));
        }
    }

    public string Id(AggregateField field)
    {
        var id = Required(field).Trim();
        return id.Length <= ColumnLimits.Id ? id : Fail<string>(field, TooLong(id.Length, ColumnLimits.Id));
    }

    public string? Name(AggregateField field)
    {
        var text = TextAt(fields.IndexOf(field));
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // A name is personal data: the error says how long it is, never what it says.
        var name = text.Trim();
        return name.Length <= ColumnLimits.Name ? name : Fail<string>(field, TooLong(name.Length, ColumnLimits.Name));
    }

    public static string TooLong(int length, int limit) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the value has {length:N0} characters; the warehouse holds at most {limit:N0}");

    public long Count(AggregateField field)
    {
        if (TryPlainDigits(fields.IndexOf(field), MaxPlainCountDigits, out var plain))
        {
            return plain;
        }

        var problem = FieldValueParser.TryParseCount(Required(field), out var value);
        return problem is null ? value : Fail<long>(field, problem);
    }

    public decimal Duration(AggregateField field)
    {
        if (TryPlainDigits(fields.IndexOf(field), MaxPlainDurationDigits, out var plain))
        {
            return plain;
        }

        var problem = FieldValueParser.TryParseDuration(Required(field), "seconds", out var value);
        return problem is null ? value : Fail<decimal>(field, problem);
    }

    public long? OptionalCount(AggregateField field)
    {
        if (!HasValue(field))
        {
            return null;
        }

        var problem = FieldValueParser.TryParseCount(Required(field), out var value);
        return problem is null ? value : Fail<long>(field, problem);
    }

    public decimal? OptionalDuration(AggregateField field)
    {
        if (!HasValue(field))
        {
            return null;
        }

        var problem = FieldValueParser.TryParseDuration(Required(field), "seconds", out var value);
        return problem is null ? value : Fail<decimal>(field, problem);
    }

    public long? OptionalMilliseconds(AggregateField field)
    {
        if (!HasValue(field))
        {
            return null;
        }

        var problem = FieldValueParser.TryParseMilliseconds(Required(field), 1m, "milliseconds", out var value);
        return problem is null ? value : Fail<long>(field, problem);
    }

    public int IntervalMinutes()
    {
        var field = AggregateFields.Interval;
        if (TryPlainDigits(fields.IndexOf(field), 2, out var plain) && plain is 15 or 30 or 45 or 60)
        {
            return (int)plain;
        }

        var problem = FieldValueParser.TryParseIntervalMinutes(Required(field), out var minutes);
        return problem is null ? minutes : Fail<int>(field, problem);
    }

    /// <summary>The local interval start, and the field an error about it should name.</summary>
    public (DateTime Local, AggregateField Field) LocalStart()
    {
        if (HasValue(AggregateFields.DateTimeFrom))
        {
            var field = AggregateFields.DateTimeFrom;
            var problem = FieldValueParser.TryParseLocalDateTime(Required(field), out var local);
            return problem is null ? (local, field) : Fail<(DateTime, AggregateField)>(field, problem);
        }

        if (SameCsvBytes(_dateFromSlot, _lastDate.Text, _lastDateUtf8) && SameCsvBytes(_timeSlot, _lastTime.Text, _lastTimeUtf8))
        {
            return (_lastDate.Value + _lastTime.Value, AggregateFields.Time);
        }

        var dateText = Required(AggregateFields.DateFrom);
        if (!string.Equals(dateText, _lastDate.Text, StringComparison.Ordinal))
        {
            var dateProblem = FieldValueParser.TryParseLocalDate(dateText, out var date);
            if (dateProblem is not null)
            {
                ReportThrow.Format(filePath, Where(AggregateFields.DateFrom), NameOf(AggregateFields.DateFrom), dateProblem);
            }

            _lastDate = (dateText, date);
            _lastDateUtf8 = CsvBytes(_dateFromSlot);
        }

        var timeText = Required(AggregateFields.Time);
        if (!string.Equals(timeText, _lastTime.Text, StringComparison.Ordinal))
        {
            var timeProblem = FieldValueParser.TryParseLocalTime(timeText, out var time);
            if (timeProblem is not null)
            {
                return Fail<(DateTime, AggregateField)>(AggregateFields.Time, timeProblem);
            }

            _lastTime = (timeText, time);
            _lastTimeUtf8 = CsvBytes(_timeSlot);
        }

        return (_lastDate.Value + _lastTime.Value, AggregateFields.Time);
    }

    /// <summary>Where the field's value was found, or the row itself when the field is absent.</summary>
    public SourceLocation Where(AggregateField field)
    {
        if (_csv is not null)
        {
            return RowLocation;
        }

        var value = _values[fields.IndexOf(field)];
        return value.SourceName is null ? RowLocation : value.At;
    }

    public string NameOf(AggregateField field)
    {
        var slot = fields.IndexOf(field);
        return (_csv is not null ? _csvNames[slot] : _values[slot].SourceName) ?? field.NameFor(isJson);
    }

    public T Fail<T>(AggregateField field, string problem) => ReportThrow.Format<T>(filePath, Where(field), NameOf(field), problem);

    private string Required(AggregateField field)
    {
        var text = TextAt(fields.IndexOf(field));
        if (string.IsNullOrWhiteSpace(text))
        {
            ReportThrow.Missing(filePath, Where(field), NameOf(field));
        }

        return text;
    }

    // 18 digits always fit a long; 15 keep a duration far below MaxDurationSeconds. Longer numbers take the string path.
    private const int MaxPlainCountDigits = 18;
    private const int MaxPlainDurationDigits = 15;

    private string? TextAt(int slot)
    {
        if (_csv is null)
        {
            return _values[slot].Text;
        }

        return _csvColumns[slot] is >= 0 and var column ? _csv.GetString(column) : null;
    }

    private bool HasValueAt(int slot)
    {
        if (_csv is not null && _csvColumns[slot] is >= 0 and var column)
        {
            // A first byte that is printable ASCII other than a space decides it without a string; anything else
            // (empty, whitespace, non-ASCII) is asked of the string, as for the other formats.
            var bytes = _csv.GetSpan(column);
            if (bytes.IsEmpty)
            {
                return false;
            }

            if (bytes[0] is > 0x20 and < 0x7F)
            {
                return true;
            }
        }

        return !string.IsNullOrWhiteSpace(TextAt(slot));
    }

    private bool HasAllRequired()
    {
        foreach (var slot in _requiredAlone)
        {
            if (!HasValueAt(slot))
            {
                return false;
            }
        }

        return HasValueAt(_dateTimeFromSlot) || (HasValueAt(_dateFromSlot) && HasValueAt(_timeSlot));
    }

    /// <summary>A CSV value of 1 to <paramref name="maxDigits"/> ASCII digits and nothing else, as a number; false for anything else.</summary>
    private bool TryPlainDigits(int slot, int maxDigits, out long value)
    {
        value = 0;
        if (_csv is null || _csvColumns[slot] is not (>= 0 and var column))
        {
            return false;
        }

        var bytes = _csv.GetSpan(column);
        if (bytes.IsEmpty || bytes.Length > maxDigits)
        {
            return false;
        }

        long number = 0;
        foreach (var b in bytes)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            number = (number * 10) + digit;
        }

        value = number;
        return true;
    }

    // Whether a CSV row's value is byte for byte the one the previous row's text came from (so it parses the same).
    private bool SameCsvBytes(int slot, string? lastText, byte[] lastUtf8) =>
        _csv is not null && lastText is not null && _csvColumns[slot] is >= 0 and var column && _csv.GetSpan(column).SequenceEqual(lastUtf8);

    private byte[] CsvBytes(int slot) =>
        _csv is not null && _csvColumns[slot] is >= 0 and var column ? _csv.GetSpan(column).ToArray() : [];

    private readonly record struct RawValue(string? Text, string? SourceName, SourceLocation At);

    private readonly record struct RawOther(string SourceName, string? Text, SourceLocation At);
}
