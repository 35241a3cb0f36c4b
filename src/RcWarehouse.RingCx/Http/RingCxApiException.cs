using System.Net;

namespace RcWarehouse.RingCx.Http;

/// <summary>
/// RingCX answered with an error. <see cref="IsTransient"/> marks the ones worth retrying (429, 5xx, 408).
/// The message names the method, path and status and the start of the error body; request bodies and headers (which
/// carry credentials on auth calls) are never part of it.
/// </summary>
public sealed class RingCxApiException : Exception
{
    public RingCxApiException(string method, string path, HttpStatusCode status, string? bodyExcerpt, TimeSpan? retryAfter = null)
        : base($"{method} {path} answered {(int)status} {status}{(string.IsNullOrWhiteSpace(bodyExcerpt) ? "" : ": " + bodyExcerpt)}")
    {
        Method = method;
        Path = path;
        StatusCode = status;
        RetryAfter = retryAfter;
    }

    public string Method { get; }

    public string Path { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The server's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsTransient => StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)StatusCode >= 500;
}
