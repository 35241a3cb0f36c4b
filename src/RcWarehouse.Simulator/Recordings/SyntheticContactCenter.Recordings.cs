using System.Globalization;

namespace RcWarehouse.Simulator;

public sealed partial class SyntheticContactCenter
{
    /// <summary>
    /// The segment <paramref name="segmentNumber"/> of the call <paramref name="interactionId"/> as it looks at
    /// <paramref name="nowUtc"/>, or null when there is no such call (yet). The call's start is the id's first 17 digits
    /// (<c>yyyyMMddHHmmssfff</c>), which names the only slot it can be in.
    /// </summary>
    public SegmentSnapshot? FindSegment(SimSubAccount sub, string interactionId, string segmentNumber, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(sub);
        if (interactionId.Length < 17
            || !DateTime.TryParseExact(interactionId[..17], "yyyyMMddHHmmssfff", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start)
            || !int.TryParse(segmentNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var slot = new DateTime(start.Ticks - (start.Ticks % TimeSpan.FromMinutes(SlotMinutes).Ticks), DateTimeKind.Utc);
        if (slot > nowUtc || CallsInSlot(sub, slot).FirstOrDefault(c => c.InteractionId == interactionId) is not { } call
            || call.Legs.FirstOrDefault(l => l.SegmentNumber == number) is not { } leg || leg.StartUtc > nowUtc)
        {
            return null;
        }

        var agent = sub.Agents.First(a => a.AgentId == leg.AgentId);
        return new SegmentSnapshot(call, leg, agent, leg.EndUtc <= nowUtc, leg.Recorded && leg.EndUtc.AddSeconds(90) <= nowUtc);
    }
}
