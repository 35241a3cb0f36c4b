using RcWarehouse.RingCx.Http;
using RcWarehouse.RingCx.Recordings;

namespace RcWarehouse.RingCx;

public sealed partial class RingCxClient
{
    // Recordings and transcripts are "other RingCX APIs" (documented: 120 per minute), limited per credential group
    // like reference data, not per sub-account like reports: they spend the credential group's reference budget
    // (reference/{clientId}), shared through the ledger with every process and with reference syncs.

    /// <summary>
    /// A segment's audio as received. Current generation: <c>GET .../recordings/dialogs/{dialogId}/segments/{segmentId}</c>.
    /// Legacy: the segment's recording URL, with the RingCX token only when the URL is on the RingCX host (a token is
    /// never sent to another host).
    /// The audio is streamed to <paramref name="sink"/>, never held in memory (an hour-long stereo call is hundreds
    /// of MB): the sink gets the body and its announced length, returns the bytes it read, and starts over when an
    /// attempt is retried; the returned response's Body is empty.
    /// </summary>
    public async Task<RingCxResponse> FetchRecordingToAsync(
        SourceOptions source, RecordingTarget target, Func<Stream, long?, CancellationToken, Task<long>> sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var (request, onRingCxHost) = await RecordingRequestAsync(source, target, cancellationToken);
        return onRingCxHost
            ? await SendToAsync(source, request, ReferenceLimiter(source), sink, cancellationToken)
            : await _sender.SendToAsync(request, ReferenceLimiter(source), authorize: null, onUnauthorized: null, sink, cancellationToken);
    }

    // Current generation: the recordings endpoint. Legacy: the segment's recording URL, with the token only when it
    // is on the RingCX host.
    private async Task<(RingCxRequest Request, bool OnRingCxHost)> RecordingRequestAsync(SourceOptions source, RecordingTarget target, CancellationToken cancellationToken)
    {
        if (source.ApiGeneration == ApiGeneration.Cx)
        {
            var path = await CxSegmentPathAsync(source, target, "recordings", cancellationToken);
            return (new RingCxRequest(HttpMethod.Get, RingCxUrl(source, path)), true);
        }

        if (!Uri.TryCreate(target.RecordingUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            throw new InvalidDataException($"segment {target.InteractionId}/{target.SegmentId}: the recording URL is missing or not an absolute http(s) URL.");
        }

        return (new RingCxRequest(HttpMethod.Get, url), IsRingCxHost(source, url));
    }

    /// <summary>A segment's transcript as received (current generation only: the legacy one has no transcripts).</summary>
    public async Task<RingCxResponse> FetchTranscriptAsync(SourceOptions source, RecordingTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (source.ApiGeneration != ApiGeneration.Cx)
        {
            throw new InvalidOperationException($"Source '{source.Name}': transcripts exist only in the current (Cx) generation.");
        }

        var path = await CxSegmentPathAsync(source, target, "transcripts", cancellationToken);
        return await SendAsync(source, new RingCxRequest(HttpMethod.Get, RingCxUrl(source, path)), ReferenceLimiter(source), cancellationToken);
    }

    private async Task<string> CxSegmentPathAsync(SourceOptions source, RecordingTarget target, string kind, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(target.DialogId))
        {
            throw new InvalidDataException($"segment {target.InteractionId}/{target.SegmentId}: no dialogId, so its {kind} cannot be asked for.");
        }

        return $"voice/api/cx/integration/v1/accounts/{Uri.EscapeDataString(await GetRcAccountIdAsync(source, cancellationToken))}" +
            $"/sub-accounts/{Uri.EscapeDataString(target.SubAccountId)}/{kind}/dialogs/{Uri.EscapeDataString(target.DialogId)}/segments/{Uri.EscapeDataString(target.SegmentId)}";
    }

    // The source's own RingCX host (RingCx:Sources:N:RingCxUrl, else the global one): only it is sent the source's token.
    private bool IsRingCxHost(SourceOptions source, Uri url) =>
        Uri.TryCreate(Options.RingCxUrlFor(source), UriKind.Absolute, out var ringCx)
        && string.Equals(url.Scheme, ringCx.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(url.Authority, ringCx.Authority, StringComparison.OrdinalIgnoreCase);
}
