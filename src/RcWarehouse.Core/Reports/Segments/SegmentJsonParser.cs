using System.Globalization;
using System.Runtime.CompilerServices;
using RcWarehouse.Core.Parsing;
using RcWarehouse.Core.Errors;

namespace RcWarehouse.Core.Reports.Segments;

/// <summary>
/// Streams segment (interaction) metadata of either generation; the generation is decided per element from the
/// fields it has. Legacy v2 names the agent by RingCentral user id and gives segmentDuration in seconds; the current
/// generation has dialogs, channels and participant ids. Segment events are checked for order as they are read.
/// </summary>
internal static class SegmentJsonParser
{
    private const string RecStart = "REC_START";
    private const string RecStop = "REC_STOP";

    private static readonly string[] CurrentOnly =
    [
        "subAccountId", "dialogId", "channelId", "channelType", "channelClass", "channelEndpointAddress", "contactEndpointAddress",
        "dialogOrigination", "dialogStartTimeMs", "dialogEndTimeMs", "dialogDurationMs", "segmentType", "segmentParticipantId",
        "segmentParticipantRcExtensionId", "segmentStartTimeMs", "segmentEndTimeMs", "segmentDurationMs", "systemDisposition",
        "agentDisposition", "agentNotes", "hasRecording", "hasTranscript",
    ];

    private static readonly string[] LegacyOnly =
    [
        "interactionRecordingLocation", "interactionStartTimeMs", "interactionDurationMs", "interactionCallingAddress",
        "interactionCalledAddress", "interactionDirection", "segmentAgentId", "segmentContactStartTimeMs",
        "segmentContactEndTimeMs", "segmentDuration", "segmentRecordingURL",
    ];

    private static readonly string[] Shared = ["interactionId", "segmentId", "segmentAgentGroupId", "segmentEvents"];

    private static readonly HashSet<string> Known = new([.. CurrentOnly, .. LegacyOnly, .. Shared], StringComparer.OrdinalIgnoreCase);

    // The fields each generation reads into a SegmentRow property (ReadCurrent, ReadLegacy, ReadEvents); every other
    // top-level field of the element is kept as a SegmentField, so nothing RingCX sends is lost.
    private static readonly HashSet<string> CurrentColumns = new(
        [
            "dialogId", "interactionId", "segmentId", "segmentParticipantId", "segmentParticipantRcExtensionId", "segmentAgentGroupId",
            "segmentType", "channelType", "channelClass", "dialogOrigination", "dialogStartTimeMs", "dialogDurationMs", "segmentStartTimeMs",
            "segmentEndTimeMs", "segmentDurationMs", "contactEndpointAddress", "channelEndpointAddress", "hasRecording", "hasTranscript",
            "systemDisposition", "agentDisposition", "agentNotes", "segmentEvents",
        ],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> LegacyColumns = new(
        [
            "interactionId", "segmentId", "segmentAgentId", "segmentAgentGroupId", "interactionDirection", "interactionStartTimeMs",
            "interactionDurationMs", "segmentContactStartTimeMs", "segmentContactEndTimeMs", "segmentDuration", "interactionCallingAddress",
            "interactionCalledAddress", "segmentRecordingURL", "segmentEvents",
        ],
        StringComparer.OrdinalIgnoreCase);

    public static async IAsyncEnumerable<SegmentRow> ReadAsync(ReportFileContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = context.FilePath;
        await using var stream = ReportFileStreams.OpenRead(path);
        var fields = new JsonObjectFields(path);
        var eventFields = new JsonObjectFields(path);
        var warned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var keys = new SegmentKeyTracker(path);
        await foreach (var item in new JsonArrayReader(stream, path).ReadAsync(cancellationToken))
        {
            fields.Load(item.Element, item.Line, item.Path);
            foreach (var name in fields.Names)
            {
                if (!Known.Contains(name) && warned.Add(name))
                {
                    context.OnWarning?.Invoke($"{path}:{item.Line} at {fields.At(name).JsonPath}: unknown segment field {ErrorText.QuoteName(name)} kept as a segment attribute");
                }
            }

            var generation = Generation(fields);
            var events = ReadEvents(fields, eventFields);
            var row = generation == SegmentGeneration.Current ? ReadCurrent(fields, events) : ReadLegacy(fields, events);
            row = row with { Attributes = ReadAttributes(fields, generation == SegmentGeneration.Current ? CurrentColumns : LegacyColumns) };
            keys.Add(row.InteractionId, row.SegmentId, item);
            // No window check here, unlike aggregate intervals: segment times are UTC instants (no day/month or zone mix-up
            // is possible), RingCX does not say whether it selects segments by call start, leg start or leg end, and the
            // warehouse replaces segments by their ids wherever they fall, so one outside the window cannot be lost or doubled.
            yield return row;
        }
    }

    public static SegmentGeneration Generation(JsonObjectFields fields)
    {
        var current = CurrentOnly.Count(fields.Contains);
        var legacy = LegacyOnly.Count(fields.Contains);
        if (current > legacy)
        {
            return SegmentGeneration.Current;
        }

        if (legacy > current)
        {
            return SegmentGeneration.LegacyV2;
        }

        return fields.Fail<SegmentGeneration>("segmentId", current == 0
            ? "the element has neither legacy fields (interactionStartTimeMs, segmentContactStartTimeMs, segmentAgentId) nor current ones (dialogId, segmentStartTimeMs, channelType)"
            : "the element mixes as many legacy fields (segmentAgentId, ...) as current ones (dialogId, ...); cannot tell its generation");
    }

    // Legacy starts at the agent's contact time, else at the interaction's (older files leave the contact start out).
    private static SegmentRow ReadLegacy(JsonObjectFields f, List<SegmentEventRow> events)
    {
        var recordingUrl = f.Text("segmentRecordingURL", ColumnLimits.Url);
        var interactionStart = f.Utc("interactionStartTimeMs");
        return new SegmentRow
        {
            InteractionId = f.RequiredText("interactionId"),
            SegmentId = f.RequiredText("segmentID"),
            RcUserId = f.Text("segmentAgentId", ColumnLimits.Id),
            AgentGroupId = f.Text("segmentAgentGroupId", ColumnLimits.Id),
            Direction = f.Text("interactionDirection", ColumnLimits.Id),
            InteractionStartUtc = interactionStart,
            InteractionDurationMs = f.Milliseconds("interactionDurationMs"),
            SegmentStartUtc = f.Utc("segmentContactStartTimeMs") ?? interactionStart ?? f.Missing<DateTime>("segmentContactStartTimeMs"),
            SegmentEndUtc = f.Utc("segmentContactEndTimeMs"),
            SegmentDurationMs = f.Milliseconds("segmentDuration", 1000m),
            CallingAddress = f.Text("interactionCallingAddress", ColumnLimits.Address),
            CalledAddress = f.Text("interactionCalledAddress", ColumnLimits.Address),
            RecordingUrl = recordingUrl,
            HasRecording = recordingUrl is not null,
            HasTranscript = false,
            Events = events,
        };
    }

    private static SegmentRow ReadCurrent(JsonObjectFields f, List<SegmentEventRow> events)
    {
        var direction = f.Text("dialogOrigination", ColumnLimits.Id);
        var contact = f.Text("contactEndpointAddress", ColumnLimits.Address);
        var channel = f.Text("channelEndpointAddress", ColumnLimits.Address);
        var outbound = string.Equals(direction?.Trim(), "OUTBOUND", StringComparison.OrdinalIgnoreCase);
        return new SegmentRow
        {
            DialogId = f.Text("dialogId", ColumnLimits.Id),
            InteractionId = f.RequiredText("interactionId"),
            SegmentId = f.RequiredText("segmentId"),
            AgentId = f.Text("segmentParticipantId", ColumnLimits.Id),
            RcUserId = f.Text("segmentParticipantRcExtensionId", ColumnLimits.Id),
            AgentGroupId = f.Text("segmentAgentGroupId", ColumnLimits.Id),
            SegmentType = f.Text("segmentType", ColumnLimits.Id),
            ChannelType = f.Text("channelType", ColumnLimits.Id),
            ChannelClass = f.Text("channelClass", ColumnLimits.Id),
            Direction = direction,
            InteractionStartUtc = f.Utc("dialogStartTimeMs"),
            InteractionDurationMs = f.Milliseconds("dialogDurationMs"),
            SegmentStartUtc = f.Utc("segmentStartTimeMs") ?? f.Missing<DateTime>("segmentStartTimeMs"),
            SegmentEndUtc = f.Utc("segmentEndTimeMs"),
            SegmentDurationMs = f.Milliseconds("segmentDurationMs"),

            // The caller is the contact on an inbound dialog and our channel on an outbound one.
            CallingAddress = outbound ? channel : contact,
            CalledAddress = outbound ? contact : channel,
            HasRecording = f.Flag("hasRecording"),
            HasTranscript = f.Flag("hasTranscript"),
            SystemDisposition = f.Text("systemDisposition", ColumnLimits.Name),
            AgentDisposition = f.Text("agentDisposition", ColumnLimits.Name),
            AgentNotes = f.Text("agentNotes", ColumnLimits.Notes),
            Events = events,
        };
    }

    // Absent, null and blank fields are not kept, as for the columns. Lengths are checked here, on the text as received,
    // so both engines refuse the same file; the error names the field and its JSON path, never the value.
    private static SegmentField[] ReadAttributes(JsonObjectFields f, HashSet<string> columns)
    {
        List<SegmentField>? attributes = null;
        foreach (var name in f.Names)
        {
            if (columns.Contains(name) || f.Value(name) is not { } value)
            {
                continue;
            }

            var text = value.ValueKind is System.Text.Json.JsonValueKind.Object or System.Text.Json.JsonValueKind.Array
                ? value.GetRawText()
                : JsonValueText.Of(value, f.FilePath, f.At(name), name);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (name.Length > ColumnLimits.AttributeName)
            {
                f.Fail<int>(name, string.Create(CultureInfo.InvariantCulture, $"the field's name is {name.Length} characters long; a kept segment field's name holds at most {ColumnLimits.AttributeName}"));
            }

            if (text.Length > ColumnLimits.AttributeValue)
            {
                f.Fail<int>(name, AggregateRecord.TooLong(text.Length, ColumnLimits.AttributeValue));
            }

            (attributes ??= []).Add(new SegmentField(name, text));
        }

        return attributes is null ? [] : [.. attributes];
    }

    private static List<SegmentEventRow> ReadEvents(JsonObjectFields segment, JsonObjectFields fields)
    {
        var events = new List<SegmentEventRow>();
        if (segment.Value("segmentEvents") is not { } array)
        {
            return events;
        }

        var at = segment.At("segmentEvents");
        if (array.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            segment.Fail<int>("segmentEvents", $"expected an array of events or null, found {array.ValueKind}");
        }

        string? previousType = null;
        DateTime? previousTime = null;
        DateTime? previousClientTime = null;
        foreach (var element in array.EnumerateArray())
        {
            fields.Load(element, at.Line ?? 0, $"{at.JsonPath}[{events.Count}]");
            var type = fields.RequiredText("eventType").ToUpperInvariant();
            if (type is not (RecStart or RecStop))
            {
                fields.Fail<int>("eventType", $"{ErrorText.Quote(type)} is not REC_START or REC_STOP");
            }

            if (previousType is null && type != RecStart)
            {
                fields.Fail<int>("eventType", $"the first event is {type}; recording events must start with REC_START");
            }

            if (type == previousType)
            {
                fields.Fail<int>("eventType", $"{type} follows {previousType}; REC_START and REC_STOP must alternate");
            }

            var time = fields.Utc("eventTimeMs");
            var clientTime = fields.Utc("clientEventTimeMs");
            CheckOrder(fields, "eventTimeMs", time, ref previousTime);
            CheckOrder(fields, "clientEventTimeMs", clientTime, ref previousClientTime);
            events.Add(new SegmentEventRow(events.Count + 1, type, time, clientTime));
            previousType = type;
        }

        return events;
    }

    private static void CheckOrder(JsonObjectFields fields, string name, DateTime? time, ref DateTime? previous)
    {
        if (time is null)
        {
            return;
        }

        if (time < previous)
        {
            fields.Fail<int>(name, string.Create(CultureInfo.InvariantCulture, $"{time:yyyy-MM-ddTHH:mm:ss.fff}Z is before the previous event's {previous:yyyy-MM-ddTHH:mm:ss.fff}Z; events must be in time order"));
        }

        previous = time;
    }
}
