using System.Globalization;
using RcWarehouse.Core.Errors;
using RcWarehouse.Core.Parsing;

namespace RcWarehouse.Core.Reports.Segments;

/// <summary>
/// Refuses a segment (interaction id, segment id) that a file carries twice, naming both copies, as the aggregate
/// loaders name both rows of a repeated grain. It keeps a 64-bit hash per segment, not the ids, so its memory is a
/// few dozen bytes a segment; two different segments sharing a hash (odds near 1 in 10^7 for a million segments)
/// would be refused as a repeat, never loaded wrongly.
/// </summary>
internal sealed class SegmentKeyTracker(string filePath)
{
    private readonly Dictionary<ulong, (int Index, long Line)> _seen = [];

    public void Add(string interactionId, string segmentId, JsonArrayItem item)
    {
        var key = Hash(interactionId, segmentId);
        if (_seen.TryAdd(key, (item.Index, item.Line)))
        {
            return;
        }

        var first = _seen[key];
        ReportThrow.Format(filePath, item.At("segmentId"), null, string.Create(CultureInfo.InvariantCulture,
            $"segment {ErrorText.Quote(segmentId)} of interaction {ErrorText.Quote(interactionId)} is in the file twice: elements $[{first.Index}] (line {first.Line}) and $[{item.Index}] (line {item.Line})"));
    }

    // FNV-1a over both ids with a separator that cannot occur in a trimmed id pair's boundary.
    private static ulong Hash(string interactionId, string segmentId)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in interactionId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ 0xFFFF) * 1099511628211UL;
        foreach (var c in segmentId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
