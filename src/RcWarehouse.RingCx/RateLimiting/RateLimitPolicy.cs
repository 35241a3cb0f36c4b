namespace RcWarehouse.RingCx.RateLimiting;

/// <summary>
/// The rules of one budget and the margin added to each of their windows, with the one decision every ledger makes:
/// how long until the next grant fits. A grant fits when, for every rule, fewer than Limit grants lie in the
/// preceding Window + margin, and no 429 has blocked the budget beyond now. Exact, so the budget is spent to the
/// last permit and never beyond it.
/// </summary>
public sealed record RateLimitPolicy
{
    public RateLimitPolicy(IReadOnlyList<RateLimitRule> rules, TimeSpan margin)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count == 0)
        {
            throw new ArgumentException("At least one rule is needed.", nameof(rules));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(margin, TimeSpan.Zero);
        Rules = rules;
        Margin = margin;
        Longest = rules.Max(r => r.Window) + margin;
    }

    public IReadOnlyList<RateLimitRule> Rules { get; }

    public TimeSpan Margin { get; }

    /// <summary>The longest window (margin included): grants older than this never count again.</summary>
    public TimeSpan Longest { get; }

    public static RateLimitPolicy Parse(string rules, TimeSpan margin) => new(RateLimitRule.ParseList(rules), margin);

    /// <summary>How long after <paramref name="now"/> the next grant fits (zero: it fits now).</summary>
    public TimeSpan WaitAt(IReadOnlyList<DateTimeOffset> grants, DateTimeOffset? blockedUntil, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grants);
        var wait = blockedUntil is { } until && until > now ? until - now : TimeSpan.Zero;
        foreach (var rule in Rules)
        {
            var window = rule.Window + Margin;
            var recent = grants.Where(g => now - g < window).Order().ToList();
            if (recent.Count >= rule.Limit)
            {
                var free = recent[recent.Count - rule.Limit] + window - now;
                wait = free > wait ? free : wait;
            }
        }

        return wait;
    }

    /// <summary>
    /// When the last of <paramref name="permits"/> grants would be made, counting the grants already made and any block,
    /// each next request asking <paramref name="workBetween"/> after the previous grant (zero: back to back). What a
    /// backfill's ETA is made of.
    /// </summary>
    public DateTimeOffset EstimateGrantTime(RateLimitState state, DateTimeOffset now, int permits, TimeSpan workBetween = default)
    {
        ArgumentNullException.ThrowIfNull(state);

        // Only grants still inside the longest window count; older ones drop out as the simulated clock moves, which
        // keeps each step as cheap as the rules are long, however many permits are asked for.
        var counting = new List<DateTimeOffset>(state.Grants.Where(g => now - g < Longest).Order());
        var at = now;
        for (var i = 0; i < permits; i++)
        {
            if (i > 0 && workBetween > TimeSpan.Zero)
            {
                at += workBetween;
            }

            var expired = counting.FindIndex(g => at - g < Longest);
            counting.RemoveRange(0, expired < 0 ? counting.Count : expired);
            var wait = WaitAt(counting, state.BlockedUntil, at);
            if (wait > TimeSpan.Zero)
            {
                at += wait;
            }

            counting.Add(at);
        }

        return at;
    }

    public override string ToString() => $"{string.Join(",", Rules)} (+{Margin} margin)";
}
