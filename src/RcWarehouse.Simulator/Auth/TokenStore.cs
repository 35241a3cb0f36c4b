using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace RcWarehouse.Simulator.Auth;

/// <summary>Tokens the simulator issued: platform (step 1) access tokens, RingCX access tokens and RingCX refresh tokens.</summary>
internal sealed class TokenStore(TimeProvider time, TimeSpan ringCxTtl)
{
    private static readonly TimeSpan PlatformTtl = TimeSpan.FromHours(1);
    private static readonly TimeSpan RefreshTtl = TimeSpan.FromHours(10);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _platform = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _access = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _refresh = new(StringComparer.Ordinal);

    public TimeSpan RingCxTtl => ringCxTtl;

    public int RingCxAccessTokensIssued => _access.Count;

    public string IssuePlatformToken() => Issue(_platform, "plat", PlatformTtl);

    public (string Access, string Refresh) IssueRingCxTokens() => (Issue(_access, "rcx", ringCxTtl), Issue(_refresh, "rfr", RefreshTtl));

    public TokenState CheckPlatform(string? token) => Check(_platform, token);

    public TokenState CheckAccess(string? token) => Check(_access, token);

    /// <summary>A refresh token works once: it is consumed by the refresh that uses it.</summary>
    public bool RedeemRefresh(string? token) =>
        token is not null && _refresh.TryRemove(token, out var expires) && expires > time.GetUtcNow();

    /// <summary>The "token expiring early" fault: the token stops working now.</summary>
    public void ExpireNow(string token) => _access[token] = time.GetUtcNow().AddTicks(-1);

    private string Issue(ConcurrentDictionary<string, DateTimeOffset> store, string prefix, TimeSpan ttl)
    {
        var token = $"{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))}";
        store[token] = time.GetUtcNow() + ttl;
        return token;
    }

    private TokenState Check(ConcurrentDictionary<string, DateTimeOffset> store, string? token)
    {
        if (token is null || !store.TryGetValue(token, out var expires))
        {
            return TokenState.Unknown;
        }

        return expires > time.GetUtcNow() ? TokenState.Valid : TokenState.Expired;
    }
}

internal enum TokenState
{
    Unknown,
    Valid,
    Expired,
}
