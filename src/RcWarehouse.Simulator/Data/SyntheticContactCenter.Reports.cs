namespace RcWarehouse.Simulator;

public sealed partial class SyntheticContactCenter
{
    /// <summary>Interval starts from <paramref name="firstStartUtc"/> in steps of <paramref name="minutes"/>, before
    /// <paramref name="endUtc"/>, that have started by <paramref name="nowUtc"/>.</summary>
    public static IReadOnlyList<DateTime> IntervalStarts(DateTime firstStartUtc, DateTime endUtc, int minutes, DateTime nowUtc)
    {
        var starts = new List<DateTime>();
        for (var t = firstStartUtc; t < endUtc && t < nowUtc; t = t.AddMinutes(minutes))
        {
            starts.Add(t);
        }

        return starts;
    }

    public IReadOnlyList<QueueIntervalStats> QueueStats(SimSubAccount sub, IReadOnlyList<DateTime> intervalStarts, int minutes, DateTime nowUtc)
    {
        var rows = new List<QueueIntervalStats>();
        foreach (var start in intervalStarts)
        {
            var acc = sub.Queues.ToDictionary(q => q.QueueId, q => new QueueAccumulator(q));
            foreach (var call in VisibleCalls(sub, start, start.AddMinutes(minutes), nowUtc))
            {
                var q = acc[call.QueueId];
                q.Offered++;
                if (call.Abandoned)
                {
                    q.Abandoned++;
                    q.QueuedAbandDur += call.WaitSec;
                    q.LongestAband = Math.Max(q.LongestAband, call.WaitSec);
                    if (call.WaitSec < ShortAbandonSec)
                    {
                        q.AbandShort++;
                    }
                    else if (call.WaitSec <= ServiceLevelSec)
                    {
                        q.AbandWithinSl++;
                    }

                    continue;
                }

                q.QueuedAnswDur += call.WaitSec;
                q.LongestAnsw = Math.Max(q.LongestAnsw, call.WaitSec);
                foreach (var leg in call.Legs)
                {
                    var target = acc[leg.QueueId];
                    target.Answered++;
                    target.Completed++;
                    target.Talk += leg.TalkSec;
                    target.Wrap += leg.WrapSec;
                    target.HoldMs += leg.HoldMs;
                    if (leg.SegmentNumber == 2)
                    {
                        if (call.WaitSec <= ServiceLevelSec)
                        {
                            target.AnsweredInSl++;
                        }
                    }
                    else
                    {
                        // A transferred leg is answered straight away from the target queue: within service level.
                        target.OverflowIn++;
                        target.AnsweredInSl++;
                    }

                    if (leg.TransferredOut)
                    {
                        target.OverflowOut++;
                    }
                }
            }

            foreach (var q in acc.Values)
            {
                // Agents of the queue were "ready and waiting" for half of the interval they were not busy.
                var waitDur = Math.Max(0, q.Queue.AgentIds.Count * minutes * 60 / 2 - q.Talk - q.Wrap);
                rows.Add(new QueueIntervalStats(
                    start, minutes, q.Queue, q.Offered, q.OverflowIn, q.Abandoned, q.OverflowOut, q.Answered, q.QueuedAnswDur,
                    q.QueuedAbandDur, q.Talk, q.Wrap, q.LongestAnsw, q.LongestAband, q.AnsweredInSl, waitDur, q.AbandShort,
                    q.AbandWithinSl, q.Completed, q.HoldMs));
            }
        }

        return rows;
    }

    public IReadOnlyList<AgentQueueIntervalStats> AgentExtendedStats(SimSubAccount sub, IReadOnlyList<DateTime> intervalStarts, int minutes, DateTime nowUtc)
    {
        var agents = sub.Agents.ToDictionary(a => a.AgentId);
        var queues = sub.Queues.ToDictionary(q => q.QueueId);
        var rows = new List<AgentQueueIntervalStats>();
        foreach (var start in intervalStarts)
        {
            var acc = new SortedDictionary<(long Agent, long Queue), long[]>();
            foreach (var call in VisibleCalls(sub, start, start.AddMinutes(minutes), nowUtc))
            {
                foreach (var leg in call.Legs)
                {
                    if (!acc.TryGetValue((leg.AgentId, leg.QueueId), out var sums))
                    {
                        sums = new long[4];
                        acc[(leg.AgentId, leg.QueueId)] = sums;
                    }

                    sums[0] += leg.TalkSec;
                    sums[1] += leg.WrapSec;
                    sums[2]++;
                    sums[3] += leg.TransferredOut ? 1 : 0;
                }
            }

            rows.AddRange(acc.Select(kv => new AgentQueueIntervalStats(
                start, minutes, agents[kv.Key.Agent], queues[kv.Key.Queue], kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3])));
        }

        return rows;
    }

    /// <summary>Segments that started in [fromUtc, toUtc) by <paramref name="nowUtc"/>, as they look at that moment.</summary>
    public IReadOnlyList<SegmentSnapshot> Segments(SimSubAccount sub, DateTime fromUtc, DateTime toUtc, DateTime nowUtc)
    {
        var agents = sub.Agents.ToDictionary(a => a.AgentId);
        var result = new List<SegmentSnapshot>();

        // A leg starts at most a few minutes after its call (queue wait plus the first leg's talk): look back far enough.
        var slot = new DateTime(fromUtc.Ticks - (fromUtc.Ticks % TimeSpan.FromMinutes(SlotMinutes).Ticks), DateTimeKind.Utc).AddMinutes(-30);
        for (; slot < toUtc && slot <= nowUtc; slot = slot.AddMinutes(SlotMinutes))
        {
            foreach (var call in CallsInSlot(sub, slot))
            {
                foreach (var leg in call.Legs)
                {
                    if (leg.StartUtc >= fromUtc && leg.StartUtc < toUtc && leg.StartUtc <= nowUtc)
                    {
                        var ended = leg.EndUtc <= nowUtc;
                        var recordingReady = leg.Recorded && leg.EndUtc.AddSeconds(90) <= nowUtc;
                        result.Add(new SegmentSnapshot(call, leg, agents[leg.AgentId], ended, recordingReady));
                    }
                }
            }
        }

        result.Sort((a, b) => a.Leg.StartUtc.CompareTo(b.Leg.StartUtc));
        return result;
    }

    private sealed class QueueAccumulator(SimQueueInfo queue)
    {
        public SimQueueInfo Queue { get; } = queue;

        public long Offered { get; set; }

        public long OverflowIn { get; set; }

        public long Abandoned { get; set; }

        public long OverflowOut { get; set; }

        public long Answered { get; set; }

        public long QueuedAnswDur { get; set; }

        public long QueuedAbandDur { get; set; }

        public long Talk { get; set; }

        public long Wrap { get; set; }

        public long LongestAnsw { get; set; }

        public long LongestAband { get; set; }

        public long AnsweredInSl { get; set; }

        public long AbandShort { get; set; }

        public long AbandWithinSl { get; set; }

        public long Completed { get; set; }

        public long HoldMs { get; set; }
    }
}
