namespace RcWarehouse.Core.Reports.Segments;

/// <summary>Which API generation wrote a segment element; told apart by the field set, never by the segmentID/segmentId spelling.</summary>
internal enum SegmentGeneration
{
    LegacyV2,
    Current,
}
