namespace RcWarehouse.RingCx.RateLimiting;

/// <summary>
/// An exact client-side limiter: a permit is granted only when, for every rule, fewer than Limit permits were granted
/// in the preceding Window (+ margin). Fixed-window or token-bucket limiters would either waste budget or, at a window
/// edge, let through more than the server allows; an exact log of grant times does neither. Callers are served one at
/// a time, in arrival order, so a waiting request is never overtaken.
/// </summary>
public sealed class SlidingLogRateLimiter : IDisposable
{
    private readonly IReadOnlyList<RateLimitRule> _rules;
    private readonly TimeProvider _time;
    private readonly TimeSpan _margin;
    private readonly TimeSpan _longest;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _gate = new();
    private readonly List<DateTimeOffset> _grants = [];

    public SlidingLogRateLimiter(IReadOnlyList<RateLimitRule> rules, TimeProvider time, TimeSpan margin)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count == 0)
        {
            throw new ArgumentException("At least one rule is needed.", nameof(rules));
        }

        _rules = rules;
        _time = time;
        _margin = margin;
        _longest = rules.Max(r => r.Window) + margin;
    }

    public IReadOnlyList<RateLimitRule> Rules => _rules;

    /// <summary>Permits granted so far (for progress displays and tests).</summary>
    public int GrantedCount { get; private set; }

    /// <summary>Waits (on the injected clock) until a permit is free, then takes it.</summary>
    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var now = _time.GetUtcNow();
                TimeSpan wait;
                lock (_gate)
                {
                    _grants.RemoveAll(g => now - g >= _longest);
                    wait = DelayAt(_grants, now);
                    if (wait <= TimeSpan.Zero)
                    {
                        _grants.Add(now);
                        GrantedCount++;
                        return;
                    }
                }

                await Task.Delay(wait, _time, cancellationToken);
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>How long until the next permit would be granted if asked for now.</summary>
    public TimeSpan NextPermitDelay()
    {
        lock (_gate)
        {
            var wait = DelayAt(_grants, _time.GetUtcNow());
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
    }

    /// <summary>
    /// When the last of <paramref name="permits"/> back-to-back permits would be granted, counting the grants already
    /// made: what a backfill's ETA is made of (request durations come on top).
    /// </summary>
    public DateTimeOffset EstimateGrantTime(int permits)
    {
        List<DateTimeOffset> grants;
        var at = _time.GetUtcNow();
        lock (_gate)
        {
            grants = [.. _grants];
        }

        for (var i = 0; i < permits; i++)
        {
            var wait = DelayAt(grants, at);
            if (wait > TimeSpan.Zero)
            {
                at += wait;
            }

            grants.Add(at);
        }

        return at;
    }

    private TimeSpan DelayAt(List<DateTimeOffset> grants, DateTimeOffset now)
    {
        var wait = TimeSpan.Zero;
        foreach (var rule in _rules)
        {
            var window = rule.Window + _margin;
            var recent = grants.Where(g => now - g < window).Order().ToList();
            if (recent.Count >= rule.Limit)
            {
                var free = recent[recent.Count - rule.Limit] + window - now;
                wait = free > wait ? free : wait;
            }
        }

        return wait;
    }

    public void Dispose() => _turn.Dispose();
}
