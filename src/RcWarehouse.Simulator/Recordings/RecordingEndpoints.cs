using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RcWarehouse.Simulator.Hosting;
using RcWarehouse.Simulator.Reference;

namespace RcWarehouse.Simulator.Recordings;

/// <summary>
/// Segment recordings and transcripts: the current generation's <c>recordings/dialogs/{dialogId}/segments/{segmentId}</c>
/// and <c>transcripts/...</c>, and the legacy recording URL the metadata carries (<c>/voice/api/v1/calls/recordings/</c>
/// on the host that served the metadata). 404 until the recording is available (90 s after the segment ends, like
/// the URL in the metadata) and for segments without one. A browser-like User-Agent gets an MP3, as documented;
/// the <see cref="SimulatedFaultKind.NotWavBody"/> fault does the same for any client.
/// </summary>
internal static class RecordingEndpoints
{
    public const string LegacyPath = "/voice/api/v1/calls/recordings/";
    private const string Cx = "/voice/api/cx/integration/v1/accounts/{rcAccountId}/sub-accounts/{subAccountId}";

    public static void Map(WebApplication app, SimulatorState state)
    {
        app.MapGet(Cx + "/recordings/dialogs/{dialogId}/segments/{segmentId}", (RequestDelegate)(ctx => ReferenceEndpoints.WithSubAccount(ctx, state, sub =>
            CxAsync(ctx, state, sub, transcript: false))));
        app.MapGet(Cx + "/transcripts/dialogs/{dialogId}/segments/{segmentId}", (RequestDelegate)(ctx => ReferenceEndpoints.WithSubAccount(ctx, state, sub =>
            CxAsync(ctx, state, sub, transcript: true))));
        app.MapGet(LegacyPath, (RequestDelegate)(ctx => LegacyAsync(ctx, state)));
    }

    private static Task CxAsync(HttpContext ctx, SimulatorState state, SimSubAccount sub, bool transcript)
    {
        var dialogId = ctx.GetRouteValue("dialogId") as string ?? "";
        var segmentId = ctx.GetRouteValue("segmentId") as string ?? "";
        var interactionId = dialogId.StartsWith('D') ? dialogId[1..] : dialogId;
        var segment = state.Data.FindSegment(sub, interactionId, segmentId, state.UtcNow);
        if (segment is not { RecordingAvailable: true })
        {
            return NotFoundAsync(ctx, state, transcript ? "transcript" : "recording");
        }

        if (transcript)
        {
            return segment.Leg.TalkSec > 120
                ? HttpAnswers.BodyAsync(ctx, SimulatedRecording.TranscriptJson(segment, dialogId), "application/json")
                : NotFoundAsync(ctx, state, "transcript");
        }

        return AudioAsync(ctx, segment);
    }

    private static Task LegacyAsync(HttpContext ctx, SimulatorState state)
    {
        // file={sub}/{yyyyMM}/{dd}/{interactionId}-{segment}.WAV
        var file = ctx.Request.Query["file"].ToString();
        var parts = file.Split('/');
        var sub = state.Data.FindSubAccount(ctx.Request.Query["accountId"].ToString());
        var name = parts.Length == 4 && parts[3].EndsWith(".WAV", StringComparison.OrdinalIgnoreCase) ? parts[3][..^4] : "";
        var dash = name.LastIndexOf('-');
        var segment = sub is null || dash <= 0 || parts[0] != sub.SubAccountId ? null : state.Data.FindSegment(sub, name[..dash], name[(dash + 1)..], state.UtcNow);
        return segment is { RecordingAvailable: true } ? AudioAsync(ctx, segment) : NotFoundAsync(ctx, state, "recording");
    }

    private static Task AudioAsync(HttpContext ctx, SegmentSnapshot segment)
    {
        var browser = ctx.Request.Headers.UserAgent.ToString().Contains("Mozilla", StringComparison.OrdinalIgnoreCase);
        return browser || ctx.Items[HttpAnswers.FaultItem] is SimulatedFault { Kind: SimulatedFaultKind.NotWavBody }
            ? HttpAnswers.BodyAsync(ctx, SimulatedRecording.Mp3Like(), "audio/mpeg")
            : HttpAnswers.BodyAsync(ctx, SimulatedRecording.Wav(segment), "audio/wav");
    }

    private static Task NotFoundAsync(HttpContext ctx, SimulatorState state, string what) =>
        HttpAnswers.ErrorAsync(ctx, StatusCodes.Status404NotFound, "Not found", $"No {what} for this segment.", state.Time);
}
