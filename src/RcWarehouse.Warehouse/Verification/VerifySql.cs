using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.Verification;

/// <summary>
/// The read-only statements behind <c>verify</c> (<see cref="WarehouseVerifier"/>). Interval keys are the bigint
/// <c>yyyyMMddHHmm</c> of a 15-minute UTC slot; ranges are [@from_key, @to_key). What each check means is in docs/bi.md.
/// </summary>
internal sealed record VerifySql
{
    /// <summary>Every source (sub-account) the warehouse knows.</summary>
    public required NamedSql SelectSources { get; init; }

    /// <summary>Per report of one source: the start of the earliest successful window (the first load) and the watermark.</summary>
    public required NamedSql SelectReportSpans { get; init; }

    /// <summary>Successful report batches of one source whose window overlaps [@from_utc, @to_utc), in batch order.</summary>
    public required NamedSql SelectBatchWindows { get; init; }

    /// <summary>Queue x interval where agent extended statistics (summed over agents) and queue statistics differ in answered calls or talk time.</summary>
    public required NamedSql CompareQueueIntervals { get; init; }

    /// <summary>
    /// Intervals where queue statistics' answered calls (summed over queues) differ from the agent segments of the calls
    /// that started in the interval (segments starting in [@from_key, @segments_to_key) are read).
    /// </summary>
    public required NamedSql CompareSegmentIntervals { get; init; }

    /// <summary>
    /// Agent x interval where agent statistics differ from agent extended statistics summed over queues in talk seconds,
    /// wrap-up seconds or answered calls. Agents are matched by id (either report may point at another version of the
    /// agent). The statistics' columns are NULL where the report did not carry the measure (and are then not compared),
    /// and <c>stats_row_cnt</c> is 0 where agent statistics have no row for the agent at all.
    /// </summary>
    public required NamedSql CompareAgentStatsIntervals { get; init; }

    /// <summary>Per report and inferred member: how many facts in [@from_key, @to_key) still point at it, and the first interval.</summary>
    public required NamedSql SelectInferredFacts { get; init; }

    public IEnumerable<NamedSql> All() =>
        [SelectSources, SelectReportSpans, SelectBatchWindows, CompareQueueIntervals, CompareSegmentIntervals, CompareAgentStatsIntervals, SelectInferredFacts];
}
