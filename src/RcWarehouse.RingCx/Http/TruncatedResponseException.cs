namespace RcWarehouse.RingCx.Http;

/// <summary>The body ended before the announced Content-Length: the answer is incomplete and must never be landed.</summary>
public sealed class TruncatedResponseException(string method, string path, long expected, long received)
    : IOException($"{method} {path}: the body ended after {received} of {expected} announced bytes")
{
    public long Expected { get; } = expected;

    public long Received { get; } = received;
}
