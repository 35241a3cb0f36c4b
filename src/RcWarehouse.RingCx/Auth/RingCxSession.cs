using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RcWarehouse.RingCx.Http;
using RcWarehouse.RingCx.RateLimiting;

namespace RcWarehouse.RingCx.Auth;

/// <summary>
/// The two-step login of one source and the RingCX token it yields: cached, renewed a little before its documented
/// 5-minute life ends (refresh endpoint first, both steps again if that fails), renewed at once when the server says a
/// token is no longer valid. Auth calls spend their own budgets (5 a minute each).
/// </summary>
internal sealed class RingCxSession : IDisposable
{
    private const string JwtGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private readonly SourceOptions _source;
    private readonly RingCxOptions _options;
    private readonly ResilientSender _sender;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly RateLimitBudget _grantBudget;
    private readonly RateLimitBudget _exchangeBudget;
    private readonly RateLimitBudget _refreshBudget;

    private string? _accessToken;
    private string? _refreshToken;
    private DateTimeOffset _issuedAt;
    private string? _platformToken;
    private DateTimeOffset _platformExpiresAt;
    private string? _mainAccountId;
    private string? _rcAccountId;

    public RingCxSession(SourceOptions source, RingCxOptions options, ResilientSender sender, RingCxClient client, TimeProvider time, ILogger logger)
    {
        _source = source;
        _options = options;
        _sender = sender;
        _time = time;
        _logger = logger;

        // Per credential group, shared through the client's ledger by every process that logs in with it.
        _grantBudget = client.Budget(RateLimitKeys.Auth("jwt-grant", source), client.AuthPolicy);
        _exchangeBudget = client.Budget(RateLimitKeys.Auth("token-exchange", source), client.AuthPolicy);
        _refreshBudget = client.Budget(RateLimitKeys.Auth("token-refresh", source), client.AuthPolicy);
    }

    /// <summary>Full two-step logins so far.</summary>
    public int Logins { get; private set; }

    /// <summary>Successful refreshes so far.</summary>
    public int Refreshes { get; private set; }

    public async ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        if (_accessToken is { } current && !NeedsRenewal())
        {
            return current;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_accessToken is null || NeedsRenewal())
            {
                await RenewAsync(cancellationToken);
            }

            return _accessToken;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The server rejected <paramref name="rejectedToken"/>: renew, unless another caller already did.</summary>
    public async ValueTask InvalidateAsync(string rejectedToken, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_accessToken == rejectedToken)
            {
                await RenewAsync(cancellationToken);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask<string> GetMainAccountIdAsync(CancellationToken cancellationToken)
    {
        await GetAccessTokenAsync(cancellationToken);
        return _mainAccountId ?? throw new RingCxAuthException($"Source '{_source.Name}': the RingCX login answer had no mainAccountId.");
    }

    /// <summary>The RingCentral account id the current-generation paths need, from <c>GET /restapi/v1.0/account/~</c>.</summary>
    public async ValueTask<string> GetRcAccountIdAsync(CancellationToken cancellationToken)
    {
        if (_rcAccountId is not null)
        {
            return _rcAccountId;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_rcAccountId is null)
            {
                var platformToken = await PlatformTokenAsync(cancellationToken);
                var account = await _sender.SendAsync(
                    new RingCxRequest(HttpMethod.Get, Url(_options.PlatformUrlFor(_source), "restapi/v1.0/account/~")),
                    limiter: null,
                    authorize: _ => ValueTask.FromResult<string?>(platformToken),
                    onUnauthorized: null,
                    cancellationToken);
                using var json = JsonDocument.Parse(account.Body);
                _rcAccountId = JsonText(json.RootElement, "id") ?? throw new RingCxAuthException($"Source '{_source.Name}': the account answer had no id.");
            }

            return _rcAccountId;
        }
        finally
        {
            _lock.Release();
        }
    }

    private bool NeedsRenewal() => _time.GetUtcNow() - _issuedAt >= _options.TokenLifetime - _options.TokenRefreshAhead;

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        if (_refreshToken is not null && await TryRefreshAsync(cancellationToken))
        {
            return;
        }

        await LoginAsync(cancellationToken);
    }

    private async Task<bool> TryRefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var answer = await _sender.SendAsync(
                new RingCxRequest(HttpMethod.Post, Url(_options.RingCxUrlFor(_source), "api/auth/token/refresh"), Form: new Dictionary<string, string>
                {
                    ["refresh_token"] = _refreshToken!,
                    ["rcTokenType"] = "Bearer",
                }),
                _refreshBudget,
                authorize: null,
                onUnauthorized: null,
                cancellationToken);
            Accept(answer);
            Refreshes++;
            _logger.LogDebug("Source {Source}: RingCX token refreshed", _source.Name);
            return true;
        }
        catch (RingCxApiException ex) when (!ex.IsTransient)
        {
            // An expired or used refresh token: both steps again work just as well.
            _logger.LogInformation("Source {Source}: token refresh answered {Status}; logging in again", _source.Name, (int)ex.StatusCode);
            _refreshToken = null;
            return false;
        }
    }

    private async Task LoginAsync(CancellationToken cancellationToken)
    {
        var platformToken = await PlatformTokenAsync(cancellationToken);
        try
        {
            var answer = await _sender.SendAsync(
                new RingCxRequest(HttpMethod.Post, Url(_options.RingCxUrlFor(_source), "api/auth/login/rc/accesstoken?includeRefresh=true"), Form: new Dictionary<string, string>
                {
                    ["rcAccessToken"] = platformToken,
                    ["rcTokenType"] = "Bearer",
                }),
                _exchangeBudget,
                authorize: null,
                onUnauthorized: null,
                cancellationToken);
            Accept(answer);
            Logins++;
            _logger.LogInformation("Source {Source}: logged in to RingCX (main account {MainAccountId})", _source.Name, _mainAccountId);
        }
        catch (RingCxApiException ex) when (!ex.IsTransient)
        {
            throw new RingCxAuthException($"Source '{_source.Name}': the RingCX token exchange was refused ({(int)ex.StatusCode}). Is the account linked to RingCX and does the JWT's user have WFO_ACCESS?", ex);
        }
    }

    /// <summary>Step 1, the JWT grant; its token (an hour's life) is reused while it has a minute left.</summary>
    private async Task<string> PlatformTokenAsync(CancellationToken cancellationToken)
    {
        if (_platformToken is not null && _platformExpiresAt > _time.GetUtcNow().AddMinutes(1))
        {
            return _platformToken;
        }

        if (string.IsNullOrEmpty(_source.ClientId) || string.IsNullOrEmpty(_source.ClientSecret) || string.IsNullOrEmpty(_source.Jwt))
        {
            throw new RingCxAuthException($"Source '{_source.Name}': ClientId, ClientSecret and Jwt must all be configured.");
        }

        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_source.ClientId}:{_source.ClientSecret}")));
        try
        {
            var answer = await _sender.SendAsync(
                new RingCxRequest(HttpMethod.Post, Url(_options.PlatformUrlFor(_source), "restapi/oauth/token"), Form: new Dictionary<string, string>
                {
                    ["grant_type"] = JwtGrant,
                    ["assertion"] = _source.Jwt,
                }, Basic: basic),
                _grantBudget,
                authorize: null,
                onUnauthorized: null,
                cancellationToken);
            using var json = JsonDocument.Parse(answer.Body);
            _platformToken = JsonText(json.RootElement, "access_token") ?? throw new RingCxAuthException($"Source '{_source.Name}': the JWT grant answer had no access_token.");
            var expiresIn = json.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 3600;
            _platformExpiresAt = _time.GetUtcNow().AddSeconds(expiresIn);
            return _platformToken;
        }
        catch (RingCxApiException ex) when (ex.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new RingCxAuthException($"Source '{_source.Name}': RingCentral refused the JWT grant ({(int)ex.StatusCode}); check the client id, client secret and JWT.", ex);
        }
    }

    private void Accept(RingCxResponse answer)
    {
        using var json = JsonDocument.Parse(answer.Body);
        var root = json.RootElement;
        _accessToken = JsonText(root, "accessToken") ?? throw new RingCxAuthException($"Source '{_source.Name}': the RingCX token answer had no accessToken.");
        _refreshToken = JsonText(root, "refreshToken") ?? _refreshToken;
        _mainAccountId = JsonText(root, "mainAccountId") ?? _mainAccountId;
        _issuedAt = _time.GetUtcNow();
    }

    internal static string? JsonText(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    internal static Uri Url(string baseUrl, string relative) => new(new Uri(baseUrl.TrimEnd('/') + "/"), relative);

    public override string ToString() => $"RingCxSession({_source.Name})";

    // The auth budgets belong to the client, which disposes them.
    public void Dispose() => _lock.Dispose();
}
