namespace RcWarehouse.Core.Reports.Segments;

/// <summary>
/// One top-level field of a segment that has no column of its own in <c>fact_segment</c> (a field RingCX added, one of
/// the other generation, or a known one the warehouse does not model), kept as text: strings as received, numbers as
/// their exact digits, true/false, objects and arrays as their JSON text.
/// </summary>
public sealed record SegmentField(string Name, string Value);
