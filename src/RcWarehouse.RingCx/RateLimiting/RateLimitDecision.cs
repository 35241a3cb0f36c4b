namespace RcWarehouse.RingCx.RateLimiting;

/// <summary>
/// One answer of a ledger: granted at <see cref="At"/> (<see cref="Wait"/> zero), or not, and how long until the
/// oldest blocking grant leaves its window (or the block ends). <see cref="State"/> is what the decision saw, the
/// new grant included.
/// </summary>
public sealed record RateLimitDecision(DateTimeOffset At, TimeSpan Wait, RateLimitState State)
{
    public bool Granted => Wait <= TimeSpan.Zero;
}
