namespace RcWarehouse.Tests.Warehouse;

/// <summary>Labels for the generated v_segment_labeled in the schema checks: a keyword as a label, a quote in a field name.</summary>
internal static class SegmentLabelSamples
{
    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        ["caller"] = "interactionCallingAddress",
        ["Order"] = "order",
        ["customer_s_note"] = "customer's note",
    };
}
