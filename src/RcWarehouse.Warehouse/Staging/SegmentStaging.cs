using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports.Segments;
using RcWarehouse.Warehouse.PersonalData;

namespace RcWarehouse.Warehouse.Staging;

/// <summary>
/// Segments stage one row per segment; the segment's events travel with it as a JSON array (<c>events_json</c>) that
/// the publish step unpacks (OPENJSON / json_each). That keeps a single pass over the row stream and a single bulk
/// copy, where a second staging table would need the events of every row held back or a second reader.
/// </summary>
internal static class SegmentStaging
{
    /// <summary>The layout that stores personal data as received (column list for tests and snapshots).</summary>
    public static StageLayout<SegmentRow> Layout { get; } = For(PersonalDataProtector.Store);

    /// <summary>
    /// The layout with phone numbers and notes passed through <paramref name="personalData"/>: the one place both
    /// engines' staging reads them, so clear text never reaches a database in Mask or Hash mode.
    /// </summary>
    public static StageLayout<SegmentRow> For(PersonalDataProtector personalData) =>
        For(personalData, SegmentAttributeProtector.For(personalData));

    /// <summary>The layout with the kept fields' values passed through <paramref name="attributes"/> as well.</summary>
    public static StageLayout<SegmentRow> For(PersonalDataProtector personalData, SegmentAttributeProtector attributes) => new(
        "segment",
        [
            StageLayout<SegmentRow>.Text("interaction_id", r => r.InteractionId, ColumnSizes.Id),
            StageLayout<SegmentRow>.Text("segment_id", r => r.SegmentId, ColumnSizes.Id),
            StageLayout<SegmentRow>.Text("dialog_id", r => r.DialogId, ColumnSizes.Id),
            StageLayout<SegmentRow>.Int64("interval_key", r => IntervalKey.FromUtc(Slot(r))),
            StageLayout<SegmentRow>.Text("agent_id", r => r.AgentId, ColumnSizes.Id),
            StageLayout<SegmentRow>.Text("rc_user_id", r => r.RcUserId, ColumnSizes.Id),
            StageLayout<SegmentRow>.Text("agent_group_id", r => r.AgentGroupId, ColumnSizes.Id),
            StageLayout<SegmentRow>.Text("segment_type", r => r.SegmentType, ColumnSizes.Code),
            StageLayout<SegmentRow>.Text("channel_type", r => r.ChannelType, ColumnSizes.Code),
            StageLayout<SegmentRow>.Text("channel_class", r => r.ChannelClass, ColumnSizes.Code),
            StageLayout<SegmentRow>.Text("direction", r => r.Direction, ColumnSizes.Code),
            StageLayout<SegmentRow>.Utc("interaction_start_utc", r => r.InteractionStartUtc),
            StageLayout<SegmentRow>.Int64("interaction_duration_ms", r => r.InteractionDurationMs),
            StageLayout<SegmentRow>.Utc("segment_start_utc", r => r.SegmentStartUtc),
            StageLayout<SegmentRow>.Utc("segment_end_utc", r => r.SegmentEndUtc),
            StageLayout<SegmentRow>.Int64("segment_duration_ms", r => r.SegmentDurationMs),
            StageLayout<SegmentRow>.Text("calling_address", r => personalData.Address(r.CallingAddress), ColumnSizes.Address, r => personalData.AddressLength(r.CallingAddress)),
            StageLayout<SegmentRow>.Text("called_address", r => personalData.Address(r.CalledAddress), ColumnSizes.Address, r => personalData.AddressLength(r.CalledAddress)),
            StageLayout<SegmentRow>.Text("recording_url", r => r.RecordingUrl, ColumnSizes.Url),
            StageLayout<SegmentRow>.Boolean("has_recording", r => r.HasRecording),
            StageLayout<SegmentRow>.Boolean("has_transcript", r => r.HasTranscript),
            StageLayout<SegmentRow>.Text("system_disposition", r => r.SystemDisposition, ColumnSizes.Name),
            StageLayout<SegmentRow>.Text("agent_disposition", r => r.AgentDisposition, ColumnSizes.Name),
            StageLayout<SegmentRow>.Text("agent_notes", r => personalData.Notes(r.AgentNotes), maxLength: null),
            StageLayout<SegmentRow>.Text("events_json", r => SegmentEventsJson.Write(r.Events), maxLength: null),
            StageLayout<SegmentRow>.Text("attributes_json", r => SegmentAttributesJson.Write(r.Attributes, attributes), maxLength: null),
        ],
        Slot,
        r => Slot(r).AddMinutes(IntervalKey.SlotMinutes),
        Validate,
        rowsMayLeaveWindow: true);

    private static DateTime Slot(SegmentRow row) =>
        IntervalKey.SlotStart(StageLayout<SegmentRow>.AsUtc(row.SegmentStartUtc, "segment start"));

    private static string? Validate(SegmentRow row)
    {
        if (string.IsNullOrEmpty(row.InteractionId))
        {
            return "interaction_id is empty";
        }

        if (string.IsNullOrEmpty(row.SegmentId))
        {
            return "segment_id is empty";
        }

        var seen = new HashSet<int>();
        foreach (var e in row.Events)
        {
            if (!seen.Add(e.Seq))
            {
                return $"event sequence {e.Seq} appears twice in segment {row.InteractionId}/{row.SegmentId}";
            }

            if (string.IsNullOrEmpty(e.EventType))
            {
                return $"event {e.Seq} of segment {row.InteractionId}/{row.SegmentId} has no type";
            }
        }

        // The parser refuses these with the file, line and JSON path; rows built elsewhere meet the same limits. A stored
        // value is never longer than its clear text (masks keep at most its digits) or a 64-character hash.
        var names = row.Attributes.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        foreach (var a in row.Attributes)
        {
            if (string.IsNullOrEmpty(a.Name) || a.Name.Length > ColumnSizes.AttributeName)
            {
                return $"a kept field of segment {row.InteractionId}/{row.SegmentId} has a name of {a.Name?.Length ?? 0} characters; names hold 1 to {ColumnSizes.AttributeName}";
            }

            if (names is not null && !names.Add(a.Name))
            {
                return $"segment {row.InteractionId}/{row.SegmentId} keeps field {a.Name} twice";
            }

            if (string.IsNullOrEmpty(a.Value) || a.Value.Length > ColumnSizes.AttributeValue)
            {
                return $"kept field {a.Name} of segment {row.InteractionId}/{row.SegmentId} is {a.Value?.Length ?? 0} characters long; its column holds 1 to {ColumnSizes.AttributeValue}";
            }
        }

        return null;
    }
}
