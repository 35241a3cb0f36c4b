using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RcWarehouse.RingCx.Auth;
using RcWarehouse.RingCx.Http;
using RcWarehouse.RingCx.RateLimiting;

namespace RcWarehouse.RingCx;

/// <summary>
/// The RingCX API as RcWarehouse uses it: one instance for all configured sources. It keeps one login per source
/// and one request budget per sub-account (shared by every caller, so parallel work never exceeds the limit),
/// and sends every request through the retry/timeout pipeline.
/// </summary>
public sealed partial class RingCxClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly ResilientSender _sender;
    private readonly ConcurrentDictionary<string, RingCxSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateLimitBudget> _budgets = new(StringComparer.Ordinal);
    private readonly RateLimitPolicy _reportPolicy;
    private readonly RateLimitPolicy _referencePolicy;

    /// <param name="options">Hosts, limits, timeouts; sources are passed per call.</param>
    /// <param name="http">Used with absolute URLs; its own Timeout should be infinite (the pipeline times attempts out).</param>
    /// <param name="time">Every wait, timeout, token age and window plan reads this clock.</param>
    /// <param name="loggerFactory">Logs never carry secrets or tokens.</param>
    /// <param name="ledger">Where grants are kept; null keeps them in this process only (right only when nothing else spends the same budgets).</param>
    public RingCxClient(RingCxOptions options, HttpClient http, TimeProvider time, ILoggerFactory loggerFactory, IRateLimitLedger? ledger = null)
        : this(options, http, ownsHttp: false, time, loggerFactory, ledger)
    {
    }

    private RingCxClient(RingCxOptions options, HttpClient http, bool ownsHttp, TimeProvider time, ILoggerFactory loggerFactory, IRateLimitLedger? ledger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _http = http;
        _ownsHttp = ownsHttp;
        _time = time;
        _loggers = loggerFactory;
        _logger = loggerFactory.CreateLogger<RingCxClient>();
        Ledger = ledger ?? new InMemoryRateLimitLedger(time);
        _sender = new ResilientSender(http, options, time, _logger);
        _reportPolicy = RateLimitPolicy.Parse(options.RateLimit, options.RateLimitMargin);
        _referencePolicy = RateLimitPolicy.Parse(options.ReferenceRateLimit, options.RateLimitMargin);
        AuthPolicy = RateLimitPolicy.Parse(options.AuthRateLimit, options.RateLimitMargin);
    }

    /// <summary>A client with its own HttpClient (disposed with it).</summary>
    public static RingCxClient Create(RingCxOptions options, TimeProvider time, ILoggerFactory loggerFactory, IRateLimitLedger? ledger = null) =>
        new(options, new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan }, ownsHttp: true, time, loggerFactory, ledger);

    /// <summary>Where every budget's grants and blocks are kept.</summary>
    public IRateLimitLedger Ledger { get; }

    internal RateLimitPolicy AuthPolicy { get; }

    public RingCxOptions Options { get; }

    public TimeProvider Time => _time;

    /// <summary>
    /// The report/metadata budget of a sub-account, shared by all calls for it in this process and, through the
    /// ledger, with every other spender. Its <see cref="RateLimitBudget.EstimateGrantTime"/> gives a backfill's ETA.
    /// </summary>
    public RateLimitBudget ReportLimiter(string subAccountId) => Budget(RateLimitKeys.Reports(subAccountId), _reportPolicy);

    private RateLimitBudget ReferenceLimiter(SourceOptions source) => Budget(RateLimitKeys.Reference(source), _referencePolicy);

    /// <summary>The budget of <paramref name="key"/> (one per key in this process, whatever asks for it).</summary>
    internal RateLimitBudget Budget(string key, RateLimitPolicy policy) =>
        _budgets.GetOrAdd(key, k => new RateLimitBudget(k, policy, Ledger, _time));

    internal RingCxSession SessionFor(SourceOptions source) =>
        _sessions.GetOrAdd(source.Name, _ => new RingCxSession(source, Options, _sender, this, _time, _loggers.CreateLogger<RingCxSession>()));

    /// <summary>The main account id the RingCX login reported for the source.</summary>
    public Task<string> GetMainAccountIdAsync(SourceOptions source, CancellationToken cancellationToken) =>
        SessionFor(source).GetMainAccountIdAsync(cancellationToken).AsTask();

    /// <summary>The RingCentral account id (<c>GET /restapi/v1.0/account/~</c>) the current-generation paths need.</summary>
    public Task<string> GetRcAccountIdAsync(SourceOptions source, CancellationToken cancellationToken) =>
        SessionFor(source).GetRcAccountIdAsync(cancellationToken).AsTask();

    /// <summary>Sends an authenticated RingCX request, renewing the token once on a 401.</summary>
    internal Task<RingCxResponse> SendAsync(SourceOptions source, RingCxRequest request, RateLimitBudget limiter, CancellationToken cancellationToken)
    {
        var session = SessionFor(source);
        return _sender.SendAsync(request, limiter, session.GetAccessTokenAsync, session.InvalidateAsync, cancellationToken);
    }

    /// <summary>As <see cref="SendAsync"/>, the successful body streamed to <paramref name="sink"/> (see <see cref="ResilientSender.SendToAsync"/>).</summary>
    internal Task<RingCxResponse> SendToAsync(
        SourceOptions source, RingCxRequest request, RateLimitBudget limiter, Func<Stream, long?, CancellationToken, Task<long>> sink, CancellationToken cancellationToken)
    {
        var session = SessionFor(source);
        return _sender.SendToAsync(request, limiter, session.GetAccessTokenAsync, session.InvalidateAsync, sink, cancellationToken);
    }

    /// <summary>A RingCX API address on <paramref name="source"/>'s host (its own, or the global one).</summary>
    internal Uri RingCxUrl(SourceOptions source, string relative) => RingCxSession.Url(Options.RingCxUrlFor(source), relative);

    public void Dispose()
    {
        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }

        foreach (var budget in _budgets.Values)
        {
            budget.Dispose();
        }

        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
