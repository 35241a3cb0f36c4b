using System.Globalization;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// Turns a report's local interval starts into UTC with the rules of the report's time zone. The repeated autumn hour
/// is resolved by file order per entity: the first row of an entity at that local time is the earlier (daylight)
/// instant, the second the later (standard) one. Only ambiguous times are remembered, so memory stays small.
/// </summary>
internal sealed class LocalIntervalConverter(ReportFileContext context)
{
    private readonly Dictionary<(string EntityKey, DateTime Local), int> _ambiguousSeen = [];

    // Rows arrive slot after slot, so most rows repeat the previous row's local time; an unambiguous time converts the
    // same way every time, and asking the zone's rules three questions per row is most of a row's date work.
    private DateTime _lastLocal = DateTime.MinValue;
    private DateTime _lastUtc;

    /// <summary>
    /// <paramref name="describeEntity"/> names the row's entity (agent and queue, or queue); it is called only for an
    /// ambiguous time, so ordinary rows build no key.
    /// </summary>
    public DateTime ToUtc<TState>(DateTime local, TState state, Func<TState, string> describeEntity, SourceLocation at, string field)
    {
        var zone = context.TimeZone;
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (local == _lastLocal)
        {
            return _lastUtc;
        }

        if (zone.IsInvalidTime(local))
        {
            ReportThrow.Format(context.FilePath, at, field,
                string.Create(CultureInfo.InvariantCulture, $"local time {local:yyyy-MM-dd HH:mm} does not exist in time zone {zone.Id} (the clocks skip it when daylight saving time starts)"));
        }

        if (!zone.IsAmbiguousTime(local))
        {
            _lastUtc = TimeZoneInfo.ConvertTimeToUtc(local, zone);
            _lastLocal = local;
            return _lastUtc;
        }

        var offsets = zone.GetAmbiguousTimeOffsets(local);
        var entityKey = describeEntity(state);
        var key = (entityKey, local);
        var seen = _ambiguousSeen.GetValueOrDefault(key) + 1;
        _ambiguousSeen[key] = seen;
        var offset = seen switch
        {
            1 => offsets.Max(),
            2 => offsets.Min(),
            _ => ReportThrow.Format<TimeSpan>(context.FilePath, at, field,
                string.Create(CultureInfo.InvariantCulture, $"local time {local:yyyy-MM-dd HH:mm} occurs {seen} times for the same {entityKey}; time zone {zone.Id} repeats it only twice (once before and once after the clocks go back)")),
        };
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }
}
