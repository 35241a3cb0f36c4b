using System.Globalization;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Warehouse.Staging;

namespace RcWarehouse.Warehouse.Publishing;

/// <summary>
/// Passes rows through to staging while counting them, checking each against its layout and the batch window, and
/// remembering the first and last slot so a batch without a requested window still knows what it covers.
/// </summary>
internal sealed class RowTracker<TRow> : IAsyncEnumerable<TRow>
{
    private readonly IAsyncEnumerable<TRow> _rows;
    private readonly StageLayout<TRow> _layout;
    private readonly UtcWindow? _window;
    private DateTime? _firstSlotUtc;
    private DateTime? _endUtc;

    public RowTracker(IAsyncEnumerable<TRow> rows, StageLayout<TRow> layout, UtcWindow? window)
    {
        _rows = rows;
        _layout = layout;
        _window = window;
    }

    public long RowsRead { get; private set; }

    /// <summary>[first slot, end of the last row's interval), or null when no row was read.</summary>
    public UtcWindow? DerivedWindow =>
        _firstSlotUtc is { } start && _endUtc is { } end ? new UtcWindow(start, end) : null;

    public async IAsyncEnumerator<TRow> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var row in _rows.WithCancellation(cancellationToken))
        {
            RowsRead++;
            if (row is null)
            {
                throw Invalid("the row is null");
            }

            if (_layout.Validate(row) is { } problem)
            {
                throw Invalid(problem);
            }

            if (_layout.CheckLengths(row) is { } tooLong)
            {
                throw Invalid(tooLong);
            }

            var slot = _layout.SlotStartUtc(row);
            if (_window is { } window && !_layout.RowsMayLeaveWindow && !window.Contains(slot))
            {
                throw Invalid(string.Create(CultureInfo.InvariantCulture, $"its slot {slot:yyyy-MM-dd HH:mm}Z is outside the batch window {window}"));
            }

            var end = _layout.SlotEndUtc(row);
            if (_firstSlotUtc is null || slot < _firstSlotUtc)
            {
                _firstSlotUtc = slot;
            }

            if (_endUtc is null || end > _endUtc)
            {
                _endUtc = IntervalKey.IsSlotStart(end) ? end : IntervalKey.SlotStart(end).AddMinutes(IntervalKey.SlotMinutes);
            }

            yield return row;
        }
    }

    private InvalidDataException Invalid(string problem) =>
        BatchRowErrors.Refused(string.Create(CultureInfo.InvariantCulture, $"Row {RowsRead} cannot be loaded: {problem}."));
}
