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

    /// <summary>
    /// Written by hand rather than as an async iterator: the rows come from a parser that almost always has the next
    /// one at hand, and a row then passes through without an awaiting state machine (one fewer per row and layer).
    /// </summary>
    public IAsyncEnumerator<TRow> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        new Enumerator(this, _rows.GetAsyncEnumerator(cancellationToken));

    private void Track(TRow row)
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
    }

    private InvalidDataException Invalid(string problem) =>
        BatchRowErrors.Refused(string.Create(CultureInfo.InvariantCulture, $"Row {RowsRead} cannot be loaded: {problem}."));

    private sealed class Enumerator(RowTracker<TRow> tracker, IAsyncEnumerator<TRow> rows) : IAsyncEnumerator<TRow>
    {
        public TRow Current { get; private set; } = default!;

        public ValueTask<bool> MoveNextAsync()
        {
            var next = rows.MoveNextAsync();
            return next.IsCompletedSuccessfully ? new ValueTask<bool>(Moved(next.Result)) : MovedAsync(next);
        }

        public ValueTask DisposeAsync() => rows.DisposeAsync();

        private async ValueTask<bool> MovedAsync(ValueTask<bool> next) => Moved(await next);

        private bool Moved(bool moved)
        {
            if (!moved)
            {
                return false;
            }

            var row = rows.Current;
            tracker.Track(row);
            Current = row;
            return true;
        }
    }
}
