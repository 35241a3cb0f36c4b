namespace RcWarehouse.RingCx.RateLimiting;

/// <summary>What a ledger holds for one budget key: the grants still inside the longest window, and a 429's block.</summary>
public sealed record RateLimitState(IReadOnlyList<DateTimeOffset> Grants, DateTimeOffset? BlockedUntil)
{
    public static RateLimitState Empty { get; } = new([], null);
}
