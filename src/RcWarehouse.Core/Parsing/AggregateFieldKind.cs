namespace RcWarehouse.Core.Parsing;

/// <summary>How a field of an aggregate report is read and whether a file may leave it out.</summary>
internal enum AggregateFieldKind
{
    IntervalMinutes,
    DateFrom,
    Time,
    DateTimeFrom,
    Id,
    Name,
    Count,
    DurationSeconds,
    OptionalCount,
    OptionalMilliseconds,
    OptionalDurationSeconds,
}
