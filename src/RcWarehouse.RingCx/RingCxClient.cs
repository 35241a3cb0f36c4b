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
    private readonly ConcurrentDictionary<string, SlidingLogRateLimiter> _reportBudgets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SlidingLogRateLimiter> _referenceBudgets = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<RateLimitRule> _reportRules;
    private readonly IReadOnlyList<RateLimitRule> _referenceRules;

    /// <param name="options">Hosts, limits, timeouts; sources are passed per call.</param>
    /// <param name="http">Used with absolute URLs; its own Timeout should be infinite (the pipeline times attempts out).</param>
    /// <param name="time">Every wait, timeout, token age and window plan reads this clock.</param>
    /// <param name="loggerFactory">Logs never carry secrets or tokens.</param>
    public RingCxClient(RingCxOptions options, HttpClient http, TimeProvider time, ILoggerFactory loggerFactory)
        : this(options, http, ownsHttp: false, time, loggerFactory)
    {
    }

    private RingCxClient(RingCxOptions options, HttpClient http, bool ownsHttp, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _http = http;
        _ownsHttp = ownsHttp;
        _time = time;
        _loggers = loggerFactory;
        _logger = loggerFactory.CreateLogger<RingCxClient>();
        _sender = new ResilientSender(http, options, time, _logger);
        _reportRules = RateLimitRule.ParseList(options.RateLimit);
        _referenceRules = RateLimitRule.ParseList(options.ReferenceRateLimit);
    }

    /// <summary>A client with its own HttpClient (disposed with it).</summary>
    public static RingCxClient Create(RingCxOptions options, TimeProvider time, ILoggerFactory loggerFactory) =>
        new(options, new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan }, ownsHttp: true, time, loggerFactory);

    public RingCxOptions Options { get; }

    public TimeProvider Time => _time;

    /// <summary>
    /// The report/metadata budget of a sub-account, shared by all calls for it. Its <see cref="SlidingLogRateLimiter.EstimateGrantTime"/>
    /// gives a backfill's ETA.
    /// </summary>
    public SlidingLogRateLimiter ReportLimiter(string subAccountId) =>
        _reportBudgets.GetOrAdd(subAccountId, _ => new SlidingLogRateLimiter(_reportRules, _time, Options.RateLimitMargin));

    private SlidingLogRateLimiter ReferenceLimiter(SourceOptions source) =>
        _referenceBudgets.GetOrAdd(source.Name, _ => new SlidingLogRateLimiter(_referenceRules, _time, Options.RateLimitMargin));

    internal RingCxSession SessionFor(SourceOptions source) =>
        _sessions.GetOrAdd(source.Name, _ => new RingCxSession(source, Options, _sender, _time, _loggers.CreateLogger<RingCxSession>()));

    /// <summary>The main account id the RingCX login reported for the source.</summary>
    public Task<string> GetMainAccountIdAsync(SourceOptions source, CancellationToken cancellationToken) =>
        SessionFor(source).GetMainAccountIdAsync(cancellationToken).AsTask();

    /// <summary>The RingCentral account id (<c>GET /restapi/v1.0/account/~</c>) the current-generation paths need.</summary>
    public Task<string> GetRcAccountIdAsync(SourceOptions source, CancellationToken cancellationToken) =>
        SessionFor(source).GetRcAccountIdAsync(cancellationToken).AsTask();

    /// <summary>Sends an authenticated RingCX request, renewing the token once on a 401.</summary>
    internal Task<RingCxResponse> SendAsync(SourceOptions source, RingCxRequest request, SlidingLogRateLimiter limiter, CancellationToken cancellationToken)
    {
        var session = SessionFor(source);
        return _sender.SendAsync(request, limiter, session.GetAccessTokenAsync, session.InvalidateAsync, cancellationToken);
    }

    internal Uri RingCxUrl(string relative) => RingCxSession.Url(Options.RingCxUrl, relative);

    public void Dispose()
    {
        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }

        foreach (var limiter in _reportBudgets.Values.Concat(_referenceBudgets.Values))
        {
            limiter.Dispose();
        }

        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
