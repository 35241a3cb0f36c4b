using RcWarehouse.Core.Telemetry;

namespace RcWarehouse.RingCx.RateLimiting;

/// <summary>
/// One budget (a sub-account's reports, a credential group's logins, ...) as this process spends it. Grants come from
/// the shared <see cref="IRateLimitLedger"/>, so other processes and nodes spending the same key are counted; within
/// the process, callers are served one at a time in arrival order, so a waiting request is never overtaken by a later
/// one of the same process and only one of them asks the ledger at a time. Waits run on the injected clock.
/// </summary>
public sealed class RateLimitBudget : IDisposable
{
    private readonly IRateLimitLedger _ledger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _gate = new();
    private RateLimitState _seen = RateLimitState.Empty;
    private int _granted;
    private TimeSpan _waited;
    private int _waiting;
    private long _waitingSinceTicksSum;

    public RateLimitBudget(string key, RateLimitPolicy policy, IRateLimitLedger ledger, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(ledger);
        Key = key;
        Policy = policy;
        _ledger = ledger;
        _time = time;
    }

    /// <summary>The ledger's key: every spender of the same RingCX limit uses the same one (see <see cref="RateLimitKeys"/>).</summary>
    public string Key { get; }

    public RateLimitPolicy Policy { get; }

    public IReadOnlyList<RateLimitRule> Rules => Policy.Rules;

    /// <summary>Permits this process was granted so far (for progress displays and tests).</summary>
    public int GrantedCount => Volatile.Read(ref _granted);

    /// <summary>
    /// Time this process's callers spent in <see cref="AcquireAsync"/> (waiting for the budget), summed, including the
    /// waits still in progress (for progress displays).
    /// </summary>
    public TimeSpan Waited
    {
        get
        {
            var now = _time.GetUtcNow().UtcTicks;
            lock (_gate)
            {
                return _waited + TimeSpan.FromTicks(Math.Max(0, (_waiting * now) - _waitingSinceTicksSum));
            }
        }
    }

    /// <summary>Waits until the ledger grants a permit, then returns; the grant is already recorded for everyone.</summary>
    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            _waiting++;
            _waitingSinceTicksSum += started;
        }

        try
        {
            await _turn.WaitAsync(cancellationToken);
            try
            {
                while (true)
                {
                    var decision = await _ledger.TryGrantAsync(Key, Policy, cancellationToken);
                    Remember(decision.State);
                    if (decision.Granted)
                    {
                        Interlocked.Increment(ref _granted);
                        return;
                    }

                    // Exactly until the oldest blocking grant leaves its window; then ask again, since another spender
                    // may have taken that slot meanwhile.
                    await Task.Delay(decision.Wait, _time, cancellationToken);
                }
            }
            finally
            {
                _turn.Release();
            }
        }
        finally
        {
            var ended = _time.GetUtcNow().UtcTicks;
            lock (_gate)
            {
                _waiting--;
                _waitingSinceTicksSum -= started;
                _waited += TimeSpan.FromTicks(Math.Max(0, ended - started));
            }

            RcWarehouseMetrics.RecordBudgetWait(Key, TimeSpan.FromTicks(Math.Max(0, ended - started)));
        }
    }

    /// <summary>Records that nobody may spend this budget before <paramref name="until"/> (a 429's signal), for every process.</summary>
    public async Task BlockAsync(DateTimeOffset until, string reason, CancellationToken cancellationToken)
    {
        await _ledger.BlockAsync(Key, until, reason, cancellationToken);
        lock (_gate)
        {
            if (_seen.BlockedUntil is not { } current || current < until)
            {
                _seen = _seen with { BlockedUntil = until };
            }
        }
    }

    /// <summary>Reads the shared state again (grants made by anyone), so estimates start from it.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken) =>
        Remember(await _ledger.ReadAsync(Key, Policy, cancellationToken));

    /// <summary>How long until the next permit would be granted, as of the last state seen.</summary>
    public TimeSpan NextPermitDelay()
    {
        var wait = Policy.WaitAt(Seen.Grants, Seen.BlockedUntil, _time.GetUtcNow());
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>
    /// When the last of <paramref name="permits"/> back-to-back permits would be granted, counting the grants (of every
    /// spender) in the last state seen: see <see cref="RefreshAsync"/>. Request durations come on top.
    /// </summary>
    public DateTimeOffset EstimateGrantTime(int permits) => Policy.EstimateGrantTime(Seen, _time.GetUtcNow(), permits);

    /// <summary>
    /// The shared state as last seen: read by <see cref="RefreshAsync"/> or returned with this process's latest grant
    /// (grants and blocks of every spender at that moment).
    /// </summary>
    public RateLimitState LastSeen => Seen;

    private RateLimitState Seen
    {
        get
        {
            lock (_gate)
            {
                return _seen;
            }
        }
    }

    private void Remember(RateLimitState state)
    {
        lock (_gate)
        {
            _seen = state;
        }
    }

    public void Dispose() => _turn.Dispose();
}
