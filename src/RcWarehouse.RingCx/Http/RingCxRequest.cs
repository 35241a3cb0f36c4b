using System.Net.Http.Headers;

namespace RcWarehouse.RingCx.Http;

/// <summary>
/// A request to send, rebuilt for every attempt (an HttpRequestMessage cannot be sent twice).
/// <see cref="JsonBody"/> is what a manifest records; <see cref="Form"/> and <see cref="Basic"/> carry credentials on
/// auth calls, so <see cref="ToString"/> shows the method and path only.
/// </summary>
internal sealed record RingCxRequest(HttpMethod Method, Uri Url, string? JsonBody = null, IReadOnlyDictionary<string, string>? Form = null, AuthenticationHeaderValue? Basic = null)
{
    public string Path => Url.AbsolutePath;

    public override string ToString() => $"{Method} {Path}";
}
