namespace RcWarehouse.Core.Reports.Segments;

/// <summary>One recording event of a segment, in file order (Seq starts at 1).</summary>
public sealed record SegmentEventRow(int Seq, string EventType, DateTime? EventTimeUtc, DateTime? ClientEventTimeUtc);
