using RcWarehouse.Core.Parsing;
using RcWarehouse.Core.Reports.Segments;
using Xunit;
using static RcWarehouse.Tests.Reports.TestReports;

namespace RcWarehouse.Tests.Reports.Segments;

public sealed class SegmentJsonParserTests
{
    private static IAsyncEnumerable<SegmentRow> Read(string file, Core.Intervals.UtcWindow? window = null, List<string>? warnings = null) =>
        ReportFileReader.ReadSegmentsAsync(Context($"Segments/{file}", window: window, warnings: warnings), cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task Seed000Sample_IsReadVerbatim()
    {
        // Given the legacy v2 response printed in seed 000, byte for byte
        // When it is read
        var row = Assert.Single(await ReadAllAsync(Read("seed000-legacy.json")));

        // Then every field is mapped: segmentAgentId is the RingCentral user id, segmentDuration seconds become ms
        Assert.Equal(
            new SegmentRow
            {
                DialogId = null,
                InteractionId = "20200721123305013105000001977",
                SegmentId = "2",
                AgentId = null,
                RcUserId = "1009",
                AgentGroupId = "8",
                Direction = "INBOUND",
                InteractionStartUtc = Utc(2020, 7, 21, 17, 32, 28, 1),
                InteractionDurationMs = 832,
                SegmentStartUtc = Utc(2020, 7, 21, 17, 32, 40, 2),
                SegmentEndUtc = Utc(2020, 7, 21, 17, 32, 42, 45),
                SegmentDurationMs = 832_000,
                CallingAddress = "4155058987",
                CalledAddress = "8776239199",
                RecordingUrl = "https://c02-recordings.virtualacd.biz/api/v1/calls/recordings/?v=1&accountId=99990001&bucket=c02-recordings&region=us-east-1&compliance=false&file=99990001/202205/09/20220509120710013214000058679-2.WAV",
                HasRecording = true,
                HasTranscript = false,
                Events = row.Events,
            },
            row);
        Assert.Equal([new SegmentEventRow(1, "REC_START", Utc(2020, 7, 21, 17, 32, 28), Utc(2020, 7, 21, 17, 32, 28))], row.Events);
    }

    [Fact]
    public async Task LegacyV2_EmptyNullAndPairedEvents_AndStartFallback()
    {
        // Given legacy elements with [] events, null events and two REC_START/REC_STOP pairs, one without a contact start
        // When it is read
        var rows = await ReadAllAsync(Read("legacy.json"));

        // Then the first is exact, the second starts at the interaction (epoch ms), and the third keeps its four events in order
        Assert.Equal(3, rows.Count);
        Assert.Equal(
            new SegmentRow
            {
                InteractionId = "20240304140512013105000001977",
                SegmentId = "2",
                RcUserId = "400123456789",
                AgentGroupId = "8",
                Direction = "INBOUND",
                InteractionStartUtc = Utc(2024, 3, 4, 14, 5, 12, 250),
                InteractionDurationMs = 95_000,
                SegmentStartUtc = Utc(2024, 3, 4, 14, 5, 30),
                SegmentEndUtc = Utc(2024, 3, 4, 14, 6, 47, 250),
                SegmentDurationMs = 77_250,
                CallingAddress = "+1 (415) 505-8987",
                CalledAddress = "8776239199",
                RecordingUrl = null,
                HasRecording = false,
                HasTranscript = false,
                Events = rows[0].Events,
            },
            rows[0]);
        Assert.Empty(rows[0].Events);

        Assert.Equal(Utc(2024, 3, 4, 14, 10), rows[1].SegmentStartUtc);
        Assert.Equal(rows[1].InteractionStartUtc, rows[1].SegmentStartUtc);
        Assert.Equal("3", rows[1].SegmentId);
        Assert.Equal("1009", rows[1].RcUserId);
        Assert.Equal(30_000, rows[1].InteractionDurationMs);
        Assert.Null(rows[1].SegmentEndUtc);
        Assert.False(rows[1].HasRecording);
        Assert.Empty(rows[1].Events);

        Assert.True(rows[2].HasRecording);
        Assert.Equal(
            [
                new SegmentEventRow(1, "REC_START", Utc(2024, 3, 4, 14, 20, 5, 100), Utc(2024, 3, 4, 14, 20, 5, 50)),
                new SegmentEventRow(2, "REC_STOP", Utc(2024, 3, 4, 14, 22, 0), Utc(2024, 3, 4, 14, 21, 59, 950)),
                new SegmentEventRow(3, "REC_START", Utc(2024, 3, 4, 14, 23, 10), null),
                new SegmentEventRow(4, "REC_STOP", Utc(2024, 3, 4, 14, 30, 0), null),
            ],
            rows[2].Events);
    }

    [Fact]
    public async Task CurrentGeneration_MapsDialogsChannelsAndDirection()
    {
        // Given current elements: inbound voice, outbound voice with events, and a digital chat
        // When it is read
        var rows = await ReadAllAsync(Read("current.json"));

        // Then the inbound one is exact: the contact calls our channel
        Assert.Equal(3, rows.Count);
        Assert.Equal(
            new SegmentRow
            {
                DialogId = "d-7f3a9c2e-0001",
                InteractionId = "20240304140512013105000001977",
                SegmentId = "1",
                AgentId = "1001234",
                RcUserId = "62912345004",
                AgentGroupId = "8",
                SegmentType = "AGENT",
                ChannelType = "VOICE",
                ChannelClass = "VOICE",
                Direction = "INBOUND",
                InteractionStartUtc = Utc(2024, 3, 4, 14, 5, 12, 250),
                InteractionDurationMs = 95_000,
                SegmentStartUtc = Utc(2024, 3, 4, 14, 5, 30),
                SegmentEndUtc = Utc(2024, 3, 4, 14, 6, 47, 250),
                SegmentDurationMs = 77_250,
                CallingAddress = "4155058987",
                CalledAddress = "8776239199",
                RecordingUrl = null,
                HasRecording = true,
                HasTranscript = false,
                SystemDisposition = "COMPLETE",
                AgentDisposition = "Resolved",
                AgentNotes = "Customer asked about \"late fee\", café account",
                Events = rows[0].Events,
                Attributes = rows[0].Attributes,
            },
            rows[0]);
        Assert.Empty(rows[0].Events);

        // And the fields it has no column for are kept, in file order, numbers as their digits
        Assert.Equal(
            [new SegmentField("subAccountId", "99990001"), new SegmentField("channelId", "ch-1"), new SegmentField("dialogEndTimeMs", "2024-03-04T14:06:47.250Z")],
            rows[0].Attributes);
    }

    [Fact]
    public async Task CurrentOutbound_SwapsAddresses_AndKeepsHugeParticipantId()
    {
        // Given an outbound dialog whose participant id is a JSON number beyond 2^64
        // When it is read
        var row = (await ReadAllAsync(Read("current.json")))[1];

        // Then our channel is the caller, the id keeps every digit, and the events are read
        Assert.Equal("8776239199", row.CallingAddress);
        Assert.Equal("4155058987", row.CalledAddress);
        Assert.Equal("OUTBOUND", row.Direction);
        Assert.Equal("98765432109876543210", row.AgentId);
        Assert.Equal(30_000, row.InteractionDurationMs);
        Assert.True(row.HasRecording);
        Assert.True(row.HasTranscript);
        Assert.Null(row.SystemDisposition);
        Assert.Null(row.AgentDisposition);
        Assert.Equal(
            [
                new SegmentEventRow(1, "REC_START", Utc(2024, 3, 4, 14, 10, 2, 500), Utc(2024, 3, 4, 14, 10, 2, 400)),
                new SegmentEventRow(2, "REC_STOP", Utc(2024, 3, 4, 14, 10, 30), Utc(2024, 3, 4, 14, 10, 29, 900)),
            ],
            row.Events);
    }

    [Fact]
    public async Task CurrentDigital_WithOffsetTimeAndNulls_IsRead()
    {
        // Given a chat segment whose start has a -05:00 offset and whose end, duration and extension id are null
        // When it is read
        var row = (await ReadAllAsync(Read("current.json")))[2];

        // Then the start is converted to UTC and the nulls stay null
        Assert.Equal(Utc(2024, 3, 4, 14, 20, 1), row.SegmentStartUtc);
        Assert.Equal("ENGAGE_MESSAGING", row.ChannelType);
        Assert.Equal("DIGITAL", row.ChannelClass);
        Assert.Equal("jörg@example.de", row.CallingAddress);
        Assert.Null(row.RcUserId);
        Assert.Null(row.SegmentEndUtc);
        Assert.Null(row.SegmentDurationMs);
        Assert.Null(row.InteractionDurationMs);
        Assert.False(row.HasRecording);
    }

    [Fact]
    public async Task MixedGenerations_AreDetectedPerElementFromTheFieldSet()
    {
        // Given a legacy element (segmentID) followed by a current one (segmentId) with a field neither generation has
        var warnings = new List<string>();

        // When it is read
        var rows = await ReadAllAsync(Read("mixed-generations.json", warnings: warnings));

        // Then each is mapped by its own generation
        Assert.Equal(("2", "1009", (string?)null, (string?)null), (rows[0].SegmentId, rows[0].RcUserId, rows[0].AgentId, rows[0].DialogId));
        Assert.Equal(("abc-1", (string?)null, "1001234", "D-2"), (rows[1].SegmentId, rows[1].RcUserId, rows[1].AgentId, rows[1].DialogId));
        Assert.Equal(1000, rows[0].SegmentDurationMs);
        Assert.Contains("$[1].wrapCode", Assert.Single(warnings), StringComparison.Ordinal);

        // And the unknown field is kept, said once, and an empty events array of the legacy element is no field to keep
        Assert.Contains("kept as a segment attribute", warnings[0], StringComparison.Ordinal);
        Assert.Equal([new SegmentField("wrapCode", "W1")], rows[1].Attributes);
        Assert.Empty(rows[0].Attributes);
    }

    [Theory]
    [InlineData("events-start-with-stop.json", "$[0].segmentEvents[0].eventType", "must start with REC_START")]
    [InlineData("events-not-alternating.json", "$[0].segmentEvents[1].eventType", "must alternate")]
    [InlineData("events-time-backwards.json", "$[0].segmentEvents[1].eventTimeMs", "must be in time order")]
    [InlineData("events-unknown-type.json", "$[0].segmentEvents[0].eventType", "'REC_PAUSE' is not REC_START or REC_STOP")]
    [InlineData("missing-interaction-id.json", "$[0].interactionId", "a value is required")]
    [InlineData("no-offset.json", "$[0].segmentStartTimeMs", "has no UTC offset")]
    [InlineData("unknown-generation.json", "$[0].segmentId", "neither legacy fields")]
    public async Task InvalidSegment_ErrorNamesTheJsonPath(string file, string path, string problem)
    {
        // Given a segment that breaks one rule
        // When it is read
        var error = await FailsAsync(Read(file));

        // Then the error names the file, the JSON path and the field
        Assert.Equal(PathOf($"Segments/{file}"), error.FilePath);
        Assert.Equal(path, error.JsonPath);
        Assert.Equal(path[(path.LastIndexOf('.') + 1)..], error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SegmentsOutsideTheRequestedWindow_AreKept()
    {
        // Given a window 14:00-14:10 and a call that started at 14:09 whose second leg starts at 14:12:30
        var window = Window(Utc(2024, 3, 4, 14, 0), Utc(2024, 3, 4, 14, 10));

        // When it is read
        var row = Assert.Single(await ReadAllAsync(Read("current-transfer-leg-after-window.json", window)));

        // Then the leg is kept: whatever RingCX selects segments by, the warehouse replaces them by id
        Assert.Equal(Utc(2024, 3, 4, 14, 12, 30), row.SegmentStartUtc);
    }

    [Fact]
    public async Task SegmentsAsCsv_AreRefused()
    {
        // Given a CSV file offered as segment metadata
        // When it is read
        var error = await FailsAsync(ReportFileReader.ReadSegmentsAsync(Context("AgentExtended/basic.csv"), cancellationToken: TestContext.Current.CancellationToken));

        // Then it is refused: segments are JSON only
        Assert.Contains("only as JSON", error.Message, StringComparison.Ordinal);
    }
}
