using System.Net;
using System.Text.Json;
using RcWarehouse.Core.Recordings;
using Xunit;

namespace RcWarehouse.IntegrationTests.Simulator;

/// <summary>The simulator's recordings and transcripts: real WAV files, the same bytes in both generations, transcripts only where announced.</summary>
public sealed class SimulatorRecordingTests(SimulatorReportFixture fixture) : IClassFixture<SimulatorReportFixture>
{
    private SimulatorHttp Http => fixture.Http;

    private string Sub => fixture.Simulator.Credentials.SubAccountIds[0];

    [Fact(Timeout = 30_000)]
    public async Task RecordedSegment_ServesTheSameWav_AtTheCurrentPathAndTheLegacyUrl()
    {
        var ct = TestContext.Current.CancellationToken;

        // Given an hour of metadata in both generations
        var body = new { segmentEndTime = "2026-11-02 14:00:00", timeInterval = 3600, timeZone = "UTC" };
        using var cx = JsonDocument.Parse(await Http.PostJsonOkAsync($"{Http.CxPrefix(Sub)}/interaction-metadata", body, ct));
        using var legacy = JsonDocument.Parse(await Http.PostJsonOkAsync($"voice/api/integration/v2/admin/reports/accounts/{Sub}/interactionMetadata", body, ct));
        var segment = cx.RootElement.EnumerateArray().First(s => s.GetProperty("hasRecording").GetBoolean());
        var interaction = segment.GetProperty("interactionId").GetString();
        var segmentId = segment.GetProperty("segmentId").GetString();
        var url = legacy.RootElement.EnumerateArray()
            .First(s => s.GetProperty("interactionId").GetString() == interaction && s.GetProperty("segmentID").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) == segmentId)
            .GetProperty("segmentRecordingURL").GetString()!;

        // When the recording is fetched both ways
        var path = $"{Http.CxPrefix(Sub)}/recordings/dialogs/{segment.GetProperty("dialogId").GetString()}/segments/{segmentId}";
        using var current = await Http.GetAsync(path, ct);
        using var old = await Http.GetAsync(url, ct);

        // Then both are the same real WAV, a few hundred milliseconds long
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal("audio/wav", current.Content.Headers.ContentType?.MediaType);
        var bytes = await current.Content.ReadAsByteArrayAsync(ct);
        Assert.Equal(bytes, await old.Content.ReadAsByteArrayAsync(ct));
        Assert.StartsWith(fixture.Simulator.BaseUrl.GetLeftPart(UriPartial.Authority), url, StringComparison.Ordinal);
        Assert.InRange(WavHeaderReader.Read(bytes, path).DurationMs, 200, 599);
    }

    [Fact(Timeout = 30_000)]
    public async Task Transcript_IsServedExactlyWhereTheMetadataSaysHasTranscript()
    {
        var ct = TestContext.Current.CancellationToken;
        var body = new { segmentEndTime = "2026-11-02 15:00:00", timeInterval = 3600, timeZone = "UTC" };
        using var cx = JsonDocument.Parse(await Http.PostJsonOkAsync($"{Http.CxPrefix(Sub)}/interaction-metadata", body, ct));
        var recorded = cx.RootElement.EnumerateArray().Where(s => s.GetProperty("hasRecording").GetBoolean()).ToList();
        Assert.Contains(recorded, s => s.GetProperty("hasTranscript").GetBoolean());
        Assert.Contains(recorded, s => !s.GetProperty("hasTranscript").GetBoolean());

        foreach (var s in recorded.Take(12))
        {
            using var response = await Http.GetAsync(
                $"{Http.CxPrefix(Sub)}/transcripts/dialogs/{s.GetProperty("dialogId").GetString()}/segments/{s.GetProperty("segmentId").GetString()}", ct);
            var expected = s.GetProperty("hasTranscript").GetBoolean() ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            Assert.Equal(expected, response.StatusCode);
            if (expected == HttpStatusCode.OK)
            {
                Assert.StartsWith("agent: ", TranscriptText.TryExtract(await response.Content.ReadAsByteArrayAsync(ct)), StringComparison.Ordinal);
            }
        }
    }
}
