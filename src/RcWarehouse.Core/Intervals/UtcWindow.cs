using System.Globalization;

namespace RcWarehouse.Core.Intervals;

/// <summary>A half-open window [StartUtc, EndUtc) in UTC; both ends have <see cref="DateTimeKind.Utc"/>.</summary>
public readonly record struct UtcWindow
{
    public UtcWindow(DateTime startUtc, DateTime endUtc)
    {
        if (startUtc.Kind != DateTimeKind.Utc || endUtc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Window ends must be UTC.");
        }

        if (endUtc <= startUtc)
        {
            throw new ArgumentException($"Window end {endUtc:O} must be after its start {startUtc:O}.");
        }

        StartUtc = startUtc;
        EndUtc = endUtc;
    }

    public DateTime StartUtc { get; }

    public DateTime EndUtc { get; }

    public bool Contains(DateTime utc) => utc >= StartUtc && utc < EndUtc;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{StartUtc:yyyy-MM-ddTHH:mm}Z, {EndUtc:yyyy-MM-ddTHH:mm}Z)");
}
