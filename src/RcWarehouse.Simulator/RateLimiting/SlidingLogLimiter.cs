namespace RcWarehouse.Simulator.RateLimiting;

/// <summary>
/// The server side of a limit: a request is accepted when, for every rule, fewer than Limit requests were accepted in
/// the Window before it. An exact sliding log, so the client's compliance is judged strictly.
/// </summary>
internal sealed class SlidingLogLimiter(IReadOnlyList<RateWindow> rules)
{
    private readonly Dictionary<string, List<DateTimeOffset>> _accepted = new(StringComparer.Ordinal);
    private readonly TimeSpan _longest = rules.Max(r => r.Window);
    private readonly Lock _gate = new();

    /// <summary>Accepts (and records) the request, or returns how long until it would be accepted.</summary>
    public bool TryAcquire(string key, DateTimeOffset now, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            if (!_accepted.TryGetValue(key, out var log))
            {
                log = [];
                _accepted[key] = log;
            }

            log.RemoveAll(t => now - t >= _longest);
            retryAfter = TimeSpan.Zero;
            foreach (var rule in rules)
            {
                var inWindow = log.Where(t => now - t < rule.Window).OrderBy(t => t).ToList();
                if (inWindow.Count >= rule.Limit)
                {
                    var wait = inWindow[inWindow.Count - rule.Limit] + rule.Window - now;
                    retryAfter = wait > retryAfter ? wait : retryAfter;
                }
            }

            if (retryAfter > TimeSpan.Zero)
            {
                return false;
            }

            log.Add(now);
            return true;
        }
    }
}
