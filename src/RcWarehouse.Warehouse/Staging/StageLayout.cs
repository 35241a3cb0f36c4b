using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using RcWarehouse.Core.Intervals;

namespace RcWarehouse.Warehouse.Staging;

/// <summary>
/// Everything the loader knows about one report's staging: the table (<see cref="Table"/> is <c>stage.{Table}</c> on
/// SQL Server and <c>stage_{Table}</c> on SQLite), its columns (the single description both engines use), the slot a
/// row belongs to, and the checks a row must pass before it is staged.
/// </summary>
internal sealed class StageLayout<TRow>
{
    public StageLayout(
        string table,
        IReadOnlyList<StageColumn<TRow>> columns,
        Func<TRow, DateTime> slotStartUtc,
        Func<TRow, DateTime> slotEndUtc,
        Func<TRow, string?> validate,
        bool rowsMayLeaveWindow = false)
    {
        Table = table;
        Columns = columns;
        SlotStartUtc = slotStartUtc;
        SlotEndUtc = slotEndUtc;
        Validate = validate;
        RowsMayLeaveWindow = rowsMayLeaveWindow;
        _bounded = [.. columns.Where(c => c.MaxLength is not null && c.StoredLength is not null)];
    }

    private readonly StageColumn<TRow>[] _bounded;

    public string Table { get; }

    public IReadOnlyList<StageColumn<TRow>> Columns { get; }

    /// <summary>The 15-minute slot whose interval_key the fact gets; the covered window is derived from these.</summary>
    public Func<TRow, DateTime> SlotStartUtc { get; }

    /// <summary>Where the row's own interval ends (start + interval minutes, or the end of the slot for segments).</summary>
    public Func<TRow, DateTime> SlotEndUtc { get; }

    /// <summary>
    /// False for interval reports: a row outside the requested window would never be replaced by a reload of that
    /// window, so it is refused. True for segments, whose report can carry a segment that started before the window
    /// (it is published by its ids, which the batch replaces wherever they were).
    /// </summary>
    public bool RowsMayLeaveWindow { get; }

    /// <summary>Returns why the row cannot be loaded, or null when it can.</summary>
    public Func<TRow, string?> Validate { get; }

    /// <summary>
    /// Why the row cannot be stored because a text is longer than its column, naming the column and the lengths but
    /// never the value (it may be personal data); null when every text fits. Checked before any engine sees the row, so
    /// SQL Server never truncates or quotes it and SQLite refuses the same rows.
    /// </summary>
    public string? CheckLengths(TRow row)
    {
        foreach (var column in _bounded)
        {
            var length = column.StoredLength!(row);
            if (length > column.MaxLength)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{column.Name} is {length} characters long; its column holds at most {column.MaxLength}");
            }
        }

        return null;
    }

    /// <summary>The position of the column named <paramref name="name"/>; a name the layout lacks is a programming error.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == name)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The {Table} layout has no column {name}.");
    }

    public StageColumn<TRow> Column(string name) => Columns[IndexOf(name)];

    /// <summary>
    /// A text column of at most <paramref name="maxLength"/> characters (null: unbounded). <paramref name="storedLength"/>
    /// gives the stored value's length when <paramref name="get"/> is costly (personal data); by default it is get's.
    /// </summary>
    public static StageColumn<TRow> Text(string name, Func<TRow, string?> get, int? maxLength, Func<TRow, int>? storedLength = null) =>
        // Empty strings become NULL so that "no value" has one spelling in every engine and every comparison.
        new(name, StageType.Text, row => get(row) is { Length: > 0 } s ? s : null)
        {
            MaxLength = maxLength,
            StoredLength = maxLength is null ? null : storedLength ?? (row => get(row)?.Length ?? 0),
        };

    public static StageColumn<TRow> Int32(string name, Func<TRow, int> get) =>
        new(name, StageType.Int32, row => get(row)) { GetInt64 = row => get(row) };

    public static StageColumn<TRow> Int64(string name, Func<TRow, long?> get) =>
        new(name, StageType.Int64, row => get(row)) { GetInt64 = get };

    /// <summary>
    /// Durations are kept to the millisecond (decimal(19,3) on SQL Server); rounding here, once, makes both engines
    /// store the same value instead of leaving it to SqlBulkCopy's and SQLite's different conversions.
    /// </summary>
    public static StageColumn<TRow> Decimal(string name, Func<TRow, decimal> get)
    {
        decimal Rounded(TRow row) => Math.Round(get(row), 3, MidpointRounding.AwayFromZero);
        return new(name, StageType.Decimal, row => Rounded(row)) { GetDecimal = Rounded };
    }

    /// <summary>A duration a report may leave out (NULL), rounded like <see cref="Decimal"/>.</summary>
    public static StageColumn<TRow> OptionalDecimal(string name, Func<TRow, decimal?> get) =>
        new(name, StageType.Decimal, row => get(row) is { } value ? Math.Round(value, 3, MidpointRounding.AwayFromZero) : null);

    public static StageColumn<TRow> Boolean(string name, Func<TRow, bool> get) => new(name, StageType.Boolean, row => get(row));

    public static StageColumn<TRow> Utc(string name, Func<TRow, DateTime?> get) =>
        new(name, StageType.DateTimeUtc, row => get(row) is { } t ? AsUtc(t, name) : null);

    /// <summary>
    /// Rows promise UTC; an unspecified kind is taken at its word (parsers build them from UTC text), a local time is a
    /// bug upstream and is refused rather than shifted by this machine's zone.
    /// </summary>
    public static DateTime AsUtc(DateTime value, string what) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => ThrowLocal(value, what),
    };

    public static long KeyOf(DateTime slotStartUtc) => IntervalKey.FromUtc(slotStartUtc);

    [DoesNotReturn]
    private static DateTime ThrowLocal(DateTime value, string what) =>
        throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{what} {value:O} is a local time; rows must carry UTC."));
}
