using System.Globalization;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Verification;

namespace RcWarehouse.Cli.Verification;

/// <summary>
/// Builds <c>verify</c>'s report: per source, the six checks of docs/bi.md ("Reconciliation"). Reads only. Intervals
/// are 15-minute UTC slots; a slot counts as loaded for a report when a successful batch's window covers it, and its
/// numbers are those of the latest such batch (publishing replaces whole intervals).
/// </summary>
public static class VerifyService
{
    public const string AgentVsQueue = "agent-vs-queue";
    public const string AnsweredVsSegments = "answered-vs-segments";
    public const string MissingIntervals = "missing-intervals";
    public const string ProvisionalIntervals = "provisional-intervals";
    public const string InferredMembers = "inferred-members";
    public const string AgentStatsVsExtended = "agent-stats-vs-extended";

    private static readonly TimeSpan Slot = TimeSpan.FromMinutes(IntervalKey.SlotMinutes);

    public static async Task<VerifyReport> BuildAsync(
        IWarehouse warehouse, VerifyOptions options, int nightlyLookBackDays, TimeProvider time, string? source, DateTime? fromUtc, DateTime? toUtc,
        CancellationToken cancellationToken)
    {
        var verifier = WarehouseVerifier.For(warehouse);
        var now = time.GetUtcNow().UtcDateTime;
        var sources = Select(await verifier.GetSourcesAsync(cancellationToken), source);
        var checks = new List<VerifyCheck>();
        var findings = new List<VerifyFinding>();
        DateTime? reportFrom = null, reportTo = null;
        foreach (var s in sources)
        {
            var spans = await verifier.GetReportSpansAsync(s.SourceKey, cancellationToken);
            if (spans.Count == 0)
            {
                continue;
            }

            var from = SlotDown(fromUtc ?? spans.Min(x => x.FirstLoadUtc));
            var to = SlotUp(toUtc ?? now);
            if (to <= from)
            {
                continue;
            }

            reportFrom = reportFrom is { } f && f < from ? f : from;
            reportTo = reportTo is { } t && t > to ? t : to;
            var context = new SourceContext(s, new UtcWindow(from, to), options, now);
            var windows = await verifier.GetBatchWindowsAsync(s.SourceKey, new UtcWindow(from, to + options.SegmentReach), cancellationToken);
            var loaded = Paint(windows, from, to + options.SegmentReach);

            await CompareAgentWithQueueAsync(verifier, context, loaded, checks, findings, cancellationToken);
            await CompareAnsweredWithSegmentsAsync(verifier, context, loaded, checks, findings, cancellationToken);
            await CompareAgentStatsWithExtendedAsync(verifier, context, loaded, checks, findings, cancellationToken);
            FindMissing(context, spans, loaded, checks, findings);
            FindProvisional(context, loaded, now.AddDays(-nightlyLookBackDays), checks, findings);
            await FindInferredAsync(verifier, context, checks, findings, cancellationToken);
        }

        return new VerifyReport(now, reportFrom, reportTo, checks.All(c => c.Passed), checks, findings);
    }

    /// <summary>
    /// Per report, the batch whose numbers each slot in [fromUtc, toUtc) holds: the latest successful batch whose window
    /// covers the whole slot. <paramref name="windows"/> come in batch order, so a later batch overwrites an earlier one.
    /// </summary>
    public static Dictionary<string, Dictionary<DateTime, BatchWindow>> Paint(IEnumerable<BatchWindow> windows, DateTime fromUtc, DateTime toUtc)
    {
        var loaded = new Dictionary<string, Dictionary<DateTime, BatchWindow>>(StringComparer.Ordinal);
        foreach (var w in windows)
        {
            if (!loaded.TryGetValue(w.Report, out var slots))
            {
                slots = [];
                loaded[w.Report] = slots;
            }

            var end = w.EndUtc < toUtc ? w.EndUtc : toUtc;
            for (var slot = Max(SlotUp(w.StartUtc), fromUtc); slot + Slot <= end; slot += Slot)
            {
                slots[slot] = w;
            }
        }

        return loaded;
    }

    private static async Task CompareAgentWithQueueAsync(
        WarehouseVerifier verifier, SourceContext c, Dictionary<string, Dictionary<DateTime, BatchWindow>> loaded,
        List<VerifyCheck> checks, List<VerifyFinding> findings, CancellationToken cancellationToken)
    {
        var agent = Slots(loaded, ReportKindNames.AgentExtended);
        var queue = Slots(loaded, ReportKindNames.QueueStats);
        var both = SlotsOf(c.Range).Where(s => agent.ContainsKey(s) && queue.ContainsKey(s)).ToList();
        var compared = both.Where(s => c.Settled(agent[s], s) && c.Settled(queue[s], s)).ToHashSet();
        long differences = 0, beyond = 0;
        if (compared.Count > 0)
        {
            foreach (var d in await verifier.CompareQueueIntervalsAsync(c.Source.SourceKey, c.Range, cancellationToken))
            {
                if (!compared.Contains(d.IntervalStartUtc))
                {
                    continue;
                }

                differences++;
                var subject = d.QueueName is null ? $"queue {d.QueueId}" : $"queue {d.QueueId} ({d.QueueName})";
                var answeredBeyond = Math.Abs(d.AgentAnswered - d.QueueAnswered) > c.Options.AnsweredCalls;
                var talkBeyond = Math.Abs(d.AgentTalkSec - d.QueueTalkSec) > c.Options.TalkTimeSec;
                beyond += answeredBeyond || talkBeyond ? 1 : 0;
                if (d.AgentAnswered != d.QueueAnswered)
                {
                    findings.Add(Finding(AgentVsQueue, c, "agent-extended, queue-stats", subject, d.IntervalStartUtc, "answered calls: agent-extended vs queue-stats", d.AgentAnswered, d.QueueAnswered, answeredBeyond));
                }

                if (d.AgentTalkSec != d.QueueTalkSec)
                {
                    findings.Add(Finding(AgentVsQueue, c, "agent-extended, queue-stats", subject, d.IntervalStartUtc, "talk seconds: agent-extended vs queue-stats", d.AgentTalkSec, d.QueueTalkSec, talkBeyond));
                }
            }
        }

        checks.Add(Check(AgentVsQueue, c, "agent-extended, queue-stats", compared.Count, differences, beyond,
            string.Create(CultureInfo.InvariantCulture, $"{c.Options.AnsweredCalls} calls, {c.Options.TalkTimeSec} s per queue and interval"),
            both.Count == 0 ? "needs agent-extended and queue-stats loaded for the same intervals" : NotYetSettled(both.Count - compared.Count)));
    }

    private static async Task CompareAgentStatsWithExtendedAsync(
        WarehouseVerifier verifier, SourceContext c, Dictionary<string, Dictionary<DateTime, BatchWindow>> loaded,
        List<VerifyCheck> checks, List<VerifyFinding> findings, CancellationToken cancellationToken)
    {
        const string reports = "agent-stats, agent-extended";
        var stats = Slots(loaded, ReportKindNames.AgentStats);
        var extended = Slots(loaded, ReportKindNames.AgentExtended);
        var both = SlotsOf(c.Range).Where(s => stats.ContainsKey(s) && extended.ContainsKey(s)).ToList();
        var compared = both.Where(s => c.Settled(stats[s], s) && c.Settled(extended[s], s)).ToHashSet();
        long differences = 0, beyond = 0;
        if (compared.Count > 0)
        {
            foreach (var d in await verifier.CompareAgentStatsIntervalsAsync(c.Source.SourceKey, c.Range, cancellationToken))
            {
                if (!compared.Contains(d.IntervalStartUtc))
                {
                    continue;
                }

                // A measure the agent statistics did not carry (null) is not compared; an agent they have no row for counts as zero.
                var subject = d.AgentName is null ? $"agent {d.AgentId}" : $"agent {d.AgentId} ({d.AgentName})";
                var talk = d.HasStats ? d.StatsTalkSec : 0m;
                var wrap = d.HasStats ? d.StatsWrapUpSec : 0m;
                var answered = d.HasStats ? d.StatsAnswered : 0L;
                var talkBeyond = talk is { } t && Math.Abs(t - d.ExtendedTalkSec) > c.Options.AgentStatsTalkTimeSec;
                var wrapBeyond = wrap is { } w && Math.Abs(w - d.ExtendedWrapUpSec) > c.Options.AgentStatsWrapUpSec;
                var answeredBeyond = answered is { } a && Math.Abs(a - d.ExtendedAnswered) > c.Options.AgentStatsAnsweredCalls;
                differences++;
                beyond += talkBeyond || wrapBeyond || answeredBeyond ? 1 : 0;
                if (talk is { } talkSec && talkSec != d.ExtendedTalkSec)
                {
                    findings.Add(Finding(AgentStatsVsExtended, c, reports, subject, d.IntervalStartUtc, "talk seconds: agent-stats vs agent-extended (all queues)", talkSec, d.ExtendedTalkSec, talkBeyond));
                }

                if (wrap is { } wrapSec && wrapSec != d.ExtendedWrapUpSec)
                {
                    findings.Add(Finding(AgentStatsVsExtended, c, reports, subject, d.IntervalStartUtc, "wrap-up seconds: agent-stats vs agent-extended (all queues)", wrapSec, d.ExtendedWrapUpSec, wrapBeyond));
                }

                if (answered is { } calls && calls != d.ExtendedAnswered)
                {
                    findings.Add(Finding(AgentStatsVsExtended, c, reports, subject, d.IntervalStartUtc, "answered calls: agent-stats vs agent-extended (all queues)", calls, d.ExtendedAnswered, answeredBeyond));
                }
            }
        }

        checks.Add(Check(AgentStatsVsExtended, c, reports, compared.Count, differences, beyond,
            string.Create(CultureInfo.InvariantCulture, $"{c.Options.AgentStatsTalkTimeSec} s talk, {c.Options.AgentStatsWrapUpSec} s wrap-up, {c.Options.AgentStatsAnsweredCalls} calls per agent and interval"),
            both.Count == 0 ? "needs agent-stats and agent-extended loaded for the same intervals" : NotYetSettled(both.Count - compared.Count)));
    }

    private static async Task CompareAnsweredWithSegmentsAsync(
        WarehouseVerifier verifier, SourceContext c, Dictionary<string, Dictionary<DateTime, BatchWindow>> loaded,
        List<VerifyCheck> checks, List<VerifyFinding> findings, CancellationToken cancellationToken)
    {
        var queue = Slots(loaded, ReportKindNames.QueueStats);
        var segments = Slots(loaded, ReportKindNames.Segments);

        // A call's segments start after it, up to SegmentReach later: compare a slot only where segments are loaded that far.
        var reachSlots = (int)Math.Ceiling(c.Options.SegmentReach / Slot);
        var loadedFar = SlotsOf(c.Range)
            .Where(s => queue.ContainsKey(s) && Enumerable.Range(0, reachSlots + 1).All(k => segments.ContainsKey(s + k * Slot)))
            .ToList();
        var compared = loadedFar
            .Where(s => c.Settled(queue[s], s) && Enumerable.Range(0, reachSlots + 1).All(k => c.Settled(segments[s + k * Slot], s + k * Slot)))
            .ToHashSet();
        long differences = 0, beyond = 0;
        if (compared.Count > 0)
        {
            foreach (var d in await verifier.CompareSegmentIntervalsAsync(c.Source.SourceKey, c.Range, c.Range.EndUtc + c.Options.SegmentReach, cancellationToken))
            {
                if (!compared.Contains(d.IntervalStartUtc))
                {
                    continue;
                }

                differences++;
                var isBeyond = Math.Abs(d.Answered - d.Segments) > c.Options.SegmentCalls;
                beyond += isBeyond ? 1 : 0;
                findings.Add(Finding(AnsweredVsSegments, c, "queue-stats, segments", null, d.IntervalStartUtc, "answered calls (all queues) vs agent segments of the calls started then", d.Answered, d.Segments, isBeyond));
            }
        }

        checks.Add(Check(AnsweredVsSegments, c, "queue-stats, segments", compared.Count, differences, beyond,
            string.Create(CultureInfo.InvariantCulture, $"{c.Options.SegmentCalls} calls per interval"),
            loadedFar.Count == 0
                ? string.Create(CultureInfo.InvariantCulture, $"needs queue-stats loaded and segments loaded up to {c.Options.SegmentReach} after the interval")
                : NotYetSettled(loadedFar.Count - compared.Count)));
    }

    private static void FindMissing(
        SourceContext c, IReadOnlyList<ReportSpan> spans, Dictionary<string, Dictionary<DateTime, BatchWindow>> loaded,
        List<VerifyCheck> checks, List<VerifyFinding> findings)
    {
        foreach (var span in spans)
        {
            var slots = Slots(loaded, span.Report);
            var lo = Max(SlotUp(span.FirstLoadUtc), c.Range.StartUtc);
            var hi = Min(SlotDown(span.WatermarkUtc ?? span.FirstLoadUtc), c.Range.EndUtc);
            var between = hi > lo ? SlotsOf(new UtcWindow(lo, hi)).ToList() : [];
            var runs = Runs(between.Where(s => !slots.ContainsKey(s))).ToList();
            var missing = runs.Sum(r => r.Count);
            var isBeyond = missing > c.Options.MissingIntervals;
            foreach (var run in runs)
            {
                findings.Add(Finding(MissingIntervals, c, span.Report, null, run.Start, run.Start + (run.Count * Slot), "missing intervals", run.Count, null, isBeyond));
            }

            checks.Add(Check(MissingIntervals, c, span.Report, between.Count, missing, isBeyond ? missing : 0,
                string.Create(CultureInfo.InvariantCulture, $"{c.Options.MissingIntervals} interval(s) per report"), null));
        }
    }

    private static void FindProvisional(
        SourceContext c, Dictionary<string, Dictionary<DateTime, BatchWindow>> loaded, DateTime repullReachesFrom,
        List<VerifyCheck> checks, List<VerifyFinding> findings)
    {
        foreach (var (report, slots) in loaded.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var inRange = slots.Where(kv => c.Range.Contains(kv.Key)).ToList();
            var provisional = inRange.Where(kv => !c.Settled(kv.Value, kv.Key)).Select(kv => kv.Key).ToList();
            var stranded = provisional.Where(s => s + Slot <= repullReachesFrom).ToList();
            var pending = provisional.Count - stranded.Count;
            var isBeyond = stranded.Count > c.Options.ProvisionalIntervals;
            foreach (var run in Runs(stranded))
            {
                findings.Add(Finding(ProvisionalIntervals, c, report, null, run.Start, run.Start + (run.Count * Slot), "provisional intervals the nightly re-pull no longer reaches", run.Count, null, isBeyond));
            }

            checks.Add(Check(ProvisionalIntervals, c, report, inRange.Count, stranded.Count, isBeyond ? stranded.Count : 0,
                string.Create(CultureInfo.InvariantCulture, $"{c.Options.ProvisionalIntervals} interval(s) per report"),
                pending > 0 ? string.Create(CultureInfo.InvariantCulture, $"{pending} provisional interval(s) still within the nightly re-pull") : null));
        }
    }

    private static async Task FindInferredAsync(
        WarehouseVerifier verifier, SourceContext c, List<VerifyCheck> checks, List<VerifyFinding> findings, CancellationToken cancellationToken)
    {
        var before = Min(SlotDown(c.Now - c.Options.InferredAfter), c.Range.EndUtc);
        var rows = before > c.Range.StartUtc
            ? await verifier.GetInferredFactsAsync(c.Source.SourceKey, new UtcWindow(c.Range.StartUtc, before), cancellationToken)
            : [];
        var facts = rows.Sum(r => r.Facts);
        var isBeyond = facts > c.Options.InferredFacts;
        foreach (var r in rows)
        {
            findings.Add(Finding(InferredMembers, c, r.Report, $"{r.Member} {r.MemberId}", r.FirstIntervalUtc, before, "facts pointing at an inferred member", r.Facts, null, isBeyond));
        }

        checks.Add(Check(InferredMembers, c, null, before > c.Range.StartUtc ? SlotsOf(new UtcWindow(c.Range.StartUtc, before)).LongCount() : 0, facts, isBeyond ? facts : 0,
            string.Create(CultureInfo.InvariantCulture, $"{c.Options.InferredFacts} fact(s) older than {c.Options.InferredAfter}"),
            rows.Count > 0 ? "sync-reference completes inferred members" : null));
    }

    private static IReadOnlyList<VerifySource> Select(IReadOnlyList<VerifySource> sources, string? source)
    {
        if (source is null)
        {
            return sources;
        }

        var selected = sources
            .Where(s => string.Equals(s.SubAccountId, source, StringComparison.Ordinal) || string.Equals(s.SourceName, source, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return selected.Count > 0
            ? selected
            : throw new UsageException(
                $"--source '{Bounded(source)}' matches no source name or sub-account id in the warehouse; known: {(sources.Count == 0 ? "none (nothing loaded yet)" : string.Join(", ", sources.Select(s => s.SourceName is null ? s.SubAccountId : $"{s.SourceName} ({s.SubAccountId})")))}");
    }

    private static string Bounded(string value) => value.Length > 40 ? value[..40] + "..." : value;

    private static VerifyCheck Check(string check, SourceContext c, string? report, long compared, long differences, long beyond, string tolerance, string? note) =>
        new(check, c.Source.SubAccountId, c.Source.SourceName, report, compared, differences, beyond, tolerance, beyond == 0, note);

    private static VerifyFinding Finding(
        string check, SourceContext c, string? report, string? subject, DateTime fromUtc, string measure, decimal left, decimal? right, bool beyond) =>
        Finding(check, c, report, subject, fromUtc, fromUtc + Slot, measure, left, right, beyond);

    private static VerifyFinding Finding(
        string check, SourceContext c, string? report, string? subject, DateTime fromUtc, DateTime toUtc, string measure, decimal left, decimal? right, bool beyond) =>
        new(check, c.Source.SubAccountId, report, subject, fromUtc, toUtc, measure, left, right, beyond);

    private static Dictionary<DateTime, BatchWindow> Slots(Dictionary<string, Dictionary<DateTime, BatchWindow>> loaded, string report) =>
        loaded.TryGetValue(report, out var slots) ? slots : [];

    /// <summary>Consecutive slots as (first slot, how many), in time order.</summary>
    private static IEnumerable<(DateTime Start, int Count)> Runs(IEnumerable<DateTime> slots)
    {
        DateTime? start = null;
        var count = 0;
        foreach (var slot in slots.Order())
        {
            if (start is { } s && s + (count * Slot) == slot)
            {
                count++;
                continue;
            }

            if (start is { } done)
            {
                yield return (done, count);
            }

            start = slot;
            count = 1;
        }

        if (start is { } last)
        {
            yield return (last, count);
        }
    }

    private static IEnumerable<DateTime> SlotsOf(UtcWindow window) => IntervalKey.SlotsIn(window);

    private static DateTime SlotDown(DateTime utc) => IntervalKey.SlotStart(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    private static DateTime SlotUp(DateTime utc) => IntervalKey.IsSlotStart(utc) ? DateTime.SpecifyKind(utc, DateTimeKind.Utc) : SlotDown(utc) + Slot;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static string? NotYetSettled(int count) =>
        count > 0 ? string.Create(CultureInfo.InvariantCulture, $"{count} provisional interval(s) not compared until re-pulled") : null;

    private sealed record SourceContext(VerifySource Source, UtcWindow Range, VerifyOptions Options, DateTime Now)
    {
        /// <summary>Whether the numbers the slot holds were fetched late enough to be final (see <see cref="VerifyOptions.SettledAfter"/>).</summary>
        public bool Settled(BatchWindow batch, DateTime slot) => batch.StartedUtc >= slot + Slot + Options.SettledAfter;
    }
}
