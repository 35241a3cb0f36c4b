using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;

namespace RcWarehouse.RingCx.Extraction;

/// <summary>
/// Cuts a requested span into the fewest requests each endpoint allows, because the rate limit (9 per 15 minutes) is
/// what bounds how fast history comes in:
/// current-generation aggregates and metadata 3 h, legacy metadata 1 h, legacy aggregates one request from the start
/// (their body has no end date: the answer runs up to now). Windows sit on interval boundaries of the request's time
/// zone and stop at the last interval that completed long enough ago (5 minutes for aggregates, 15 for metadata).
/// </summary>
public sealed class WindowPlanner(RingCxOptions options, TimeProvider time)
{
    public static readonly TimeSpan CxAggregateMaxWindow = TimeSpan.FromHours(3);
    public static readonly TimeSpan LegacyMetadataMaxWindow = TimeSpan.FromHours(1);
    public static readonly TimeSpan CxMetadataMaxWindow = TimeSpan.FromHours(3);

    /// <summary>The windows to request for [fromUtc, toUtc), in order; empty when nothing there has settled yet.</summary>
    public IReadOnlyList<PlannedWindow> Plan(SourceOptions source, ReportKind report, DateTime fromUtc, DateTime toUtc)
    {
        ArgumentNullException.ThrowIfNull(source);
        fromUtc = AsUtc(fromUtc, nameof(fromUtc));
        toUtc = AsUtc(toUtc, nameof(toUtc));
        var zone = TimeZones.Find(source.TimeZone);
        var grain = Grain(source, report);
        var start = AlignDown(fromUtc, zone, grain);
        var end = AlignDown(Min(toUtc, SettledUntil(source, report)), zone, grain);
        if (end <= start)
        {
            return [];
        }

        if (report != ReportKind.Segments && source.ApiGeneration == ApiGeneration.Legacy)
        {
            return [new PlannedWindow(report, start, end, RunsToNow: true)];
        }

        var max = MaxWindow(source.ApiGeneration, report);
        var windows = new List<PlannedWindow>();
        for (var t = start; t < end;)
        {
            var next = Min(t + max, end);
            windows.Add(new PlannedWindow(report, t, next));
            t = next;
        }

        return windows;
    }

    /// <summary>The longest window one request may cover (legacy aggregates: no limit, the answer runs to now).</summary>
    public static TimeSpan MaxWindow(ApiGeneration generation, ReportKind report) => (generation, report) switch
    {
        (ApiGeneration.Legacy, ReportKind.Segments) => LegacyMetadataMaxWindow,
        (ApiGeneration.Cx, ReportKind.Segments) => CxMetadataMaxWindow,
        (ApiGeneration.Cx, _) => CxAggregateMaxWindow,
        _ => TimeSpan.MaxValue,
    };

    /// <summary>Everything before this instant is complete and settled enough to ask for.</summary>
    public DateTime SettledUntil(SourceOptions source, ReportKind report)
    {
        var settle = report == ReportKind.Segments ? options.MetadataSettleDelay : options.AggregateSettleDelay;
        return AlignDown(time.GetUtcNow().UtcDateTime - settle, TimeZones.Find(source.TimeZone), Grain(source, report));
    }

    /// <summary>Aggregates step by the configured interval; metadata by the warehouse's 15-minute slot.</summary>
    public static int Grain(SourceOptions source, ReportKind report)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (report == ReportKind.Segments)
        {
            return IntervalKey.SlotMinutes;
        }

        return source.IntervalMinutes is 15 or 30 or 45 or 60
            ? source.IntervalMinutes
            : throw new ArgumentException($"Source '{source.Name}': IntervalMinutes must be 15, 30, 45 or 60, not {source.IntervalMinutes}.", nameof(source));
    }

    /// <summary>
    /// The interval boundary at or before <paramref name="utc"/> on the local clock's grid (intervals start at local
    /// midnight plus multiples of the length). Stepping back by a local difference keeps the instant's own UTC offset,
    /// so daylight-saving changes cannot make it ambiguous.
    /// </summary>
    public static DateTime AlignDown(DateTime utc, TimeZoneInfo zone, int minutes)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        var sinceMidnight = local - local.Date;
        var grid = TimeSpan.FromMinutes(minutes);
        var excess = TimeSpan.FromTicks(sinceMidnight.Ticks % grid.Ticks);
        return utc - excess;
    }

    /// <summary>The interval boundary at or after <paramref name="utc"/>.</summary>
    public static DateTime AlignUp(DateTime utc, TimeZoneInfo zone, int minutes)
    {
        var down = AlignDown(utc, zone, minutes);
        return down == utc ? utc : down.AddMinutes(minutes);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime AsUtc(DateTime value, string name) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => throw new ArgumentException("Window ends must be UTC.", name),
    };
}
