using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Polly;
using RcWarehouse.Core.Telemetry;
using Polly.Retry;
using Polly.Timeout;
using RcWarehouse.RingCx.RateLimiting;

namespace RcWarehouse.RingCx.Http;

/// <summary>
/// Sends one logical request: retries with exponential backoff and jitter on 429, 5xx, timeouts, dropped connections
/// and truncated bodies (honouring Retry-After), a permit from the given budget before every attempt, and a per-attempt
/// timeout that does not count the time spent waiting for that permit. A 429 also blocks the budget for everyone who
/// spends it (Retry-After, or the backoff when there is none), not only for this request. All delays run on the
/// injected TimeProvider.
/// </summary>
internal sealed class ResilientSender
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;
    private readonly ResiliencePipeline _timeout;
    private readonly RingCxOptions _options;

    public ResilientSender(HttpClient http, RingCxOptions options, TimeProvider time, ILogger logger)
    {
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
        var retry = new ResiliencePipelineBuilder { TimeProvider = time };

        // Polly wants at least one retry; MaxRetries = 0 (fail fast) simply leaves the strategy out.
        if (options.MaxRetries > 0)
        {
            retry.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<RingCxApiException>(e => e.IsTransient)
                    .Handle<HttpRequestException>()
                    .Handle<IOException>()
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is RingCxApiException { RetryAfter: { } after } ? after : (TimeSpan?)null),
                OnRetry = args =>
                {
                    _logger.LogWarning("Attempt {Attempt} failed ({Reason}); retrying in {Delay}", args.AttemptNumber + 1, Describe(args.Outcome.Exception), args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        _retry = retry.Build();
        _timeout = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(options.RequestTimeout).Build();
    }

    /// <param name="request">Rebuilt into a fresh message for each attempt.</param>
    /// <param name="limiter">The budget this request spends (and blocks on a 429); null for calls without a limit.</param>
    /// <param name="authorize">Gives the bearer token for an attempt (null: no bearer); called before and after the permit.</param>
    /// <param name="onUnauthorized">Called once per attempt on a 401 with the rejected token; the request is then re-sent with a new one.</param>
    /// <param name="cancellationToken">Cancels waits, attempts and retries.</param>
    public Task<RingCxResponse> SendAsync(
        RingCxRequest request,
        RateLimitBudget? limiter,
        Func<CancellationToken, ValueTask<string?>>? authorize,
        Func<string, CancellationToken, ValueTask>? onUnauthorized,
        CancellationToken cancellationToken) =>
        SendCoreAsync(request, limiter, authorize, onUnauthorized, sink: null, cancellationToken);

    /// <summary>
    /// As <see cref="SendAsync"/> (same permits, 401 renewal, 429 blocks and retries), but a successful body is
    /// handed to <paramref name="sink"/> as a stream instead of being read into memory; the response's
    /// <see cref="RingCxResponse.Body"/> is then empty. The sink gets the announced Content-Length (null when none)
    /// and returns the bytes it read, which are checked against it. A retried attempt calls the sink again: it must
    /// start over (truncate what it wrote). Error answers are still read whole, for their excerpt.
    /// </summary>
    public Task<RingCxResponse> SendToAsync(
        RingCxRequest request,
        RateLimitBudget? limiter,
        Func<CancellationToken, ValueTask<string?>>? authorize,
        Func<string, CancellationToken, ValueTask>? onUnauthorized,
        Func<Stream, long?, CancellationToken, Task<long>> sink,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return SendCoreAsync(request, limiter, authorize, onUnauthorized, sink, cancellationToken);
    }

    private Task<RingCxResponse> SendCoreAsync(
        RingCxRequest request,
        RateLimitBudget? limiter,
        Func<CancellationToken, ValueTask<string?>>? authorize,
        Func<string, CancellationToken, ValueTask>? onUnauthorized,
        Func<Stream, long?, CancellationToken, Task<long>>? sink,
        CancellationToken cancellationToken)
    {
        var throttled = 0;
        return _retry.ExecuteAsync(async ct =>
        {
            var (status, response) = await AttemptAsync(request, limiter, authorize, sink, ct);
            if (status == HttpStatusCode.Unauthorized && onUnauthorized is not null && response.Token is not null)
            {
                // A token can expire (or be revoked) between our check and the server's: renew once and re-send.
                _logger.LogInformation("{Method} {Path} answered 401 ({Reason}); renewing the token and sending again", request.Method, request.Path, response.Excerpt);
                await onUnauthorized(response.Token, ct);
                (status, response) = await AttemptAsync(request, limiter, authorize, sink, ct);
            }

            if (status == HttpStatusCode.TooManyRequests)
            {
                RcWarehouseMetrics.RecordThrottled(limiter?.Key);
            }

            if (status == HttpStatusCode.TooManyRequests && limiter is not null)
            {
                // The server's count differs from the ledger's (another tool, another limit, a clock): whoever spends
                // this budget next, in any process, waits too, instead of drawing the next 429.
                var wait = response.RetryAfter ?? Backoff(++throttled);
                await limiter.BlockAsync(_time.GetUtcNow() + wait, $"429 from {request.Method.Method} {request.Path}", ct);
                _logger.LogWarning(
                    "{Method} {Path} answered 429{RetryAfter}; budget {Budget} blocked for {Wait} for every process",
                    request.Method, request.Path, response.RetryAfter is null ? " without Retry-After" : "", limiter.Key, wait);
            }

            if ((int)status is < 200 or > 299)
            {
                throw new RingCxApiException(request.Method.Method, request.Path, status, response.Excerpt, response.RetryAfter);
            }

            return new RingCxResponse(request.Method.Method, request.Path, request.JsonBody, response.ContentType, response.Body);
        }, cancellationToken).AsTask();
    }

    /// <summary>The block after the n-th 429 without Retry-After of one request: the retry backoff without its jitter.</summary>
    private TimeSpan Backoff(int throttled)
    {
        var delay = _options.RetryBaseDelay * Math.Pow(2, Math.Min(throttled - 1, 30));
        return delay < _options.RetryMaxDelay ? delay : _options.RetryMaxDelay;
    }

    private async Task<(HttpStatusCode Status, AttemptResult Result)> AttemptAsync(
        RingCxRequest request,
        RateLimitBudget? limiter,
        Func<CancellationToken, ValueTask<string?>>? authorize,
        Func<Stream, long?, CancellationToken, Task<long>>? sink,
        CancellationToken cancellationToken)
    {
        if (limiter is not null)
        {
            // Log in (or refresh) before taking the permit: the server counts a request when it arrives, so time
            // spent between permit and send (a login is several round trips) would squeeze the next window.
            if (authorize is not null)
            {
                await authorize(cancellationToken);
            }

            await limiter.AcquireAsync(cancellationToken);
        }

        // Usually the cached token again; renewed here only if the wait for the permit outlasted it.
        var token = authorize is null ? null : await authorize(cancellationToken);
        return await _timeout.ExecuteAsync(async ct =>
        {
            using var message = new HttpRequestMessage(request.Method, request.Url);
            if (request.JsonBody is not null)
            {
                message.Content = new StringContent(request.JsonBody, Encoding.UTF8, "application/json");
            }
            else if (request.Form is not null)
            {
                message.Content = new FormUrlEncodedContent(request.Form);
            }

            if (token is not null)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            else if (request.Basic is not null)
            {
                message.Headers.Authorization = request.Basic;
            }

            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
            var body = sink is not null && response.IsSuccessStatusCode
                ? await StreamBodyAsync(request, response, sink, ct)
                : await ReadWholeBodyAsync(request, response, ct);
            TimeSpan? retryAfter = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } when date > _time.GetUtcNow() => date - _time.GetUtcNow(),
                _ => null,
            };
            return (response.StatusCode, new AttemptResult(token, response.Content.Headers.ContentType?.ToString(), body, retryAfter));
        }, cancellationToken);
    }

    /// <summary>Reads everything and checks it against Content-Length, so a dropped transfer is an error, never a short file.</summary>
    private static async Task<byte[]> ReadWholeBodyAsync(RingCxRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var stream = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }

        if (response.Content.Headers.ContentLength is { } announced && announced != buffer.Length)
        {
            throw new TruncatedResponseException(request.Method.Method, request.Path, announced, buffer.Length);
        }

        return buffer.ToArray();
    }

    /// <summary>Hands the body to the sink and checks what it read against Content-Length, as <see cref="ReadWholeBodyAsync"/> does.</summary>
    private static async Task<byte[]> StreamBodyAsync(
        RingCxRequest request, HttpResponseMessage response, Func<Stream, long?, CancellationToken, Task<long>> sink, CancellationToken cancellationToken)
    {
        var announced = response.Content.Headers.ContentLength;
        long received;
        await using (var stream = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            received = await sink(stream, announced, cancellationToken);
        }

        if (announced is { } expected && expected != received)
        {
            throw new TruncatedResponseException(request.Method.Method, request.Path, expected, received);
        }

        return [];
    }

    private static string Describe(Exception? exception) => exception switch
    {
        null => "no exception",
        RingCxApiException api => $"{(int)api.StatusCode} {api.StatusCode}",
        TimeoutRejectedException => "attempt timed out",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    private sealed record AttemptResult(string? Token, string? ContentType, byte[] Body, TimeSpan? RetryAfter)
    {
        public string Excerpt
        {
            get
            {
                var text = Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300)).ReplaceLineEndings(" ");
                return text.Length < Body.Length ? text + "..." : text;
            }
        }
    }
}
