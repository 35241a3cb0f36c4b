using RcWarehouse.Simulator.Data;

namespace RcWarehouse.Simulator;

public sealed partial class SyntheticContactCenter
{
    private const int ShiftMinutes = 510;

    /// <summary>
    /// Agent statistics for each interval: every agent logged in during it (its shift, in the business time zone, or a
    /// call it took outside the shift), built per 15-minute slot and summed, so that 15-, 30-, 45- and 60-minute answers
    /// agree. Busy time comes from the same calls as agent extended statistics (talk and wrap-up by call start); shift
    /// time counts only up to <paramref name="nowUtc"/>, so an interval in progress grows until it is over.
    /// </summary>
    public IReadOnlyList<AgentIntervalStats> AgentStats(SimSubAccount sub, IReadOnlyList<DateTime> intervalStarts, int minutes, DateTime nowUtc)
    {
        var rows = new List<AgentIntervalStats>();
        foreach (var start in intervalStarts)
        {
            var sums = new SortedDictionary<long, long[]>();
            for (var slot = start; slot < start.AddMinutes(minutes) && slot < nowUtc; slot = slot.AddMinutes(SlotMinutes))
            {
                AddSlot(sub, slot, nowUtc, sums);
            }

            var agents = sub.Agents.ToDictionary(a => a.AgentId);
            rows.AddRange(sums.Select(kv => new AgentIntervalStats(
                start, minutes, agents[kv.Key], kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3], kv.Value[4], kv.Value[5], kv.Value[6],
                kv.Value[7], kv.Value[8], kv.Value[9])));
        }

        return rows;
    }

    // sums[agent] = logged in, available, ringing, talking, wrap-up, away, hold, presented, answered, transferred out.
    private void AddSlot(SimSubAccount sub, DateTime slot, DateTime nowUtc, SortedDictionary<long, long[]> sums)
    {
        var busy = new Dictionary<long, (long Talk, long Wrap, long HoldMs, long Answered, long Transferred)>();
        foreach (var call in VisibleCalls(sub, slot, slot.AddMinutes(SlotMinutes), nowUtc))
        {
            foreach (var leg in call.Legs)
            {
                var b = busy.GetValueOrDefault(leg.AgentId);
                busy[leg.AgentId] = (b.Talk + leg.TalkSec, b.Wrap + leg.WrapSec, b.HoldMs + leg.HoldMs, b.Answered + 1, b.Transferred + (leg.TransferredOut ? 1 : 0));
            }
        }

        var slotEnd = slot.AddMinutes(SlotMinutes) < nowUtc ? slot.AddMinutes(SlotMinutes) : nowUtc;
        foreach (var agent in sub.Agents.Where(a => !a.IsSupervisor))
        {
            var rng = new DetRandom(_seed, 4, sub.Index, agent.AgentId, slot.Ticks);
            var (shiftStart, shiftEnd, breaks) = Shift(agent, slot);
            var onShift = Overlap(slot, slotEnd, shiftStart, shiftEnd);
            var b = busy.GetValueOrDefault(agent.AgentId);
            var missed = onShift > 0 && rng.Chance(0.1) ? 1 : 0;
            var ringing = b.Answered * rng.Next(3, 12) + missed * 15;
            var worked = b.Talk + b.Wrap + ringing;
            var loggedIn = Math.Max(onShift, worked);
            if (loggedIn == 0)
            {
                continue;
            }

            var planned = breaks.Sum(br => Overlap(slot, slotEnd, br.Start, br.End)) + (onShift > 0 ? rng.Next(0, 60) : 0);
            var away = Math.Min(planned, loggedIn - worked);
            if (!sums.TryGetValue(agent.AgentId, out var s))
            {
                s = new long[10];
                sums[agent.AgentId] = s;
            }

            s[0] += loggedIn;
            s[1] += loggedIn - worked - away;
            s[2] += ringing;
            s[3] += b.Talk;
            s[4] += b.Wrap;
            s[5] += away;
            s[6] += (b.HoldMs + 500) / 1000;
            s[7] += b.Answered + missed;
            s[8] += b.Answered;
            s[9] += b.Transferred;
        }
    }

    /// <summary>
    /// The agent's shift on the slot's business day: 8.5 hours from 07:00, 08:00, 09:00 or 10:00 (by agent) with a
    /// 15-minute break two hours in and a 30-minute lunch four hours in; at weekends a third of the agents work 10:00-16:00.
    /// </summary>
    private (DateTime Start, DateTime End, (DateTime Start, DateTime End)[] Breaks) Shift(SimAgent agent, DateTime slotUtc)
    {
        var day = TimeZoneInfo.ConvertTimeFromUtc(slotUtc, _businessZone).Date;
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (weekend && agent.AgentId % 3 != 0)
        {
            return (slotUtc, slotUtc, []);
        }

        var startLocal = weekend ? day.AddHours(10) : day.AddHours(7 + agent.AgentId % 4);
        var minutes = weekend ? 360 : ShiftMinutes;
        DateTime Utc(DateTime local) => ToUtcSkippingGap(local);
        var start = Utc(startLocal);
        return (start, Utc(startLocal.AddMinutes(minutes)),
        [
            (Utc(startLocal.AddHours(2)), Utc(startLocal.AddHours(2).AddMinutes(15))),
            (Utc(startLocal.AddHours(4)), Utc(startLocal.AddHours(4).AddMinutes(30))),
        ]);
    }

    private DateTime ToUtcSkippingGap(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (_businessZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, _businessZone);
    }

    private static long Overlap(DateTime from, DateTime to, DateTime start, DateTime end)
    {
        var lo = from > start ? from : start;
        var hi = to < end ? to : end;
        return hi > lo ? (long)(hi - lo).TotalSeconds : 0;
    }
}
