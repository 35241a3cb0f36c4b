using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RcWarehouse.Simulator.Hosting;

namespace RcWarehouse.Simulator.Auth;

/// <summary>The two documented auth steps (RingCentral JWT grant, RingCX token exchange), the refresh, and account lookup.</summary>
internal static class AuthEndpoints
{
    private const string JwtGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    public static void Map(WebApplication app, SimulatorState state)
    {
        app.MapPost("/restapi/oauth/token", (RequestDelegate)(ctx => PlatformTokenAsync(ctx, state)));
        app.MapGet("/restapi/v1.0/account/{accountId}", (RequestDelegate)(ctx => AccountAsync(ctx, state)));
        app.MapPost("/api/auth/login/rc/accesstoken", (RequestDelegate)(ctx => ExchangeAsync(ctx, state)));
        app.MapPost("/api/auth/token/refresh", (RequestDelegate)(ctx => RefreshAsync(ctx, state)));
    }

    private static async Task PlatformTokenAsync(HttpContext ctx, SimulatorState state)
    {
        var (clientId, secret) = BasicCredentials(ctx);
        if (clientId != state.Credentials.ClientId || secret != state.Credentials.ClientSecret)
        {
            await OAuthErrorAsync(ctx, StatusCodes.Status401Unauthorized, "invalid_client", "OAU-123", "Invalid client: the client id or secret is wrong");
            return;
        }

        if (!state.AuthLimiter.TryAcquire("oauth:" + clientId, state.Time.GetUtcNow(), out var wait))
        {
            await AuthTooManyAsync(ctx, wait);
            return;
        }

        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        if (form["grant_type"] != JwtGrant)
        {
            await OAuthErrorAsync(ctx, StatusCodes.Status400BadRequest, "unsupported_grant_type", "OAU-250", "Unsupported grant type");
            return;
        }

        if (form["assertion"] != state.Credentials.Jwt)
        {
            await OAuthErrorAsync(ctx, StatusCodes.Status400BadRequest, "invalid_grant", "OAU-213", "Token is not valid: the JWT assertion was not accepted");
            return;
        }

        var token = state.Tokens.IssuePlatformToken();
        await HttpAnswers.JsonAsync(ctx, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token);
            w.WriteString("token_type", "bearer");
            w.WriteNumber("expires_in", 3600);
            w.WriteString("refresh_token", "plat-refresh-unused");
            w.WriteNumber("refresh_token_expires_in", 604800);
            w.WriteString("scope", "ReadAccounts");
            w.WriteString("owner_id", "3100000000");
            w.WriteString("endpoint_id", "sim-endpoint");
            w.WriteEndObject();
        });
    }

    private static async Task AccountAsync(HttpContext ctx, SimulatorState state)
    {
        if (ctx.Request.RouteValues["accountId"] as string != "~")
        {
            await OAuthErrorAsync(ctx, StatusCodes.Status404NotFound, "not_found", "CMN-102", "Resource for parameter [accountId] is not found");
            return;
        }

        switch (state.Tokens.CheckPlatform(HttpAnswers.BearerToken(ctx)))
        {
            case TokenState.Unknown:
                await OAuthErrorAsync(ctx, StatusCodes.Status401Unauthorized, "invalid_token", "OAU-149", "Invalid token");
                return;
            case TokenState.Expired:
                await OAuthErrorAsync(ctx, StatusCodes.Status401Unauthorized, "token_expired", "TokenExpired", "Access token expired");
                return;
        }

        await HttpAnswers.JsonAsync(ctx, w =>
        {
            w.WriteStartObject();
            w.WriteString("uri", $"{ctx.Request.Scheme}://{ctx.Request.Host}/restapi/v1.0/account/{state.Credentials.RcAccountId}");
            w.WriteNumber("id", long.Parse(state.Credentials.RcAccountId, System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("status", "Confirmed");
            w.WriteString("mainNumber", "+18005550100");
            w.WriteEndObject();
        });
    }

    private static async Task ExchangeAsync(HttpContext ctx, SimulatorState state)
    {
        if (!state.AuthLimiter.TryAcquire("exchange", state.Time.GetUtcNow(), out var wait))
        {
            await AuthTooManyAsync(ctx, wait);
            return;
        }

        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        switch (state.Tokens.CheckPlatform(form["rcAccessToken"]))
        {
            case TokenState.Unknown:
                await HttpAnswers.PlainAsync(ctx, StatusCodes.Status401Unauthorized, "Invalid RingCentral access token");
                return;
            case TokenState.Expired:
                await HttpAnswers.PlainAsync(ctx, StatusCodes.Status401Unauthorized, "RingCentral access token is expired");
                return;
        }

        var includeRefresh = string.Equals(ctx.Request.Query["includeRefresh"], "true", StringComparison.OrdinalIgnoreCase);
        await WriteRingCxTokensAsync(ctx, state, includeRefresh, withDetails: true);
    }

    private static async Task RefreshAsync(HttpContext ctx, SimulatorState state)
    {
        if (!state.AuthLimiter.TryAcquire("refresh", state.Time.GetUtcNow(), out var wait))
        {
            await AuthTooManyAsync(ctx, wait);
            return;
        }

        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        if (!state.Tokens.RedeemRefresh(form["refresh_token"]))
        {
            await HttpAnswers.PlainAsync(ctx, StatusCodes.Status401Unauthorized, "Invalid refresh token");
            return;
        }

        await WriteRingCxTokensAsync(ctx, state, includeRefresh: true, withDetails: false);
    }

    private static Task WriteRingCxTokensAsync(HttpContext ctx, SimulatorState state, bool includeRefresh, bool withDetails)
    {
        var (access, refresh) = state.Tokens.IssueRingCxTokens();
        var sub = state.Data.SubAccounts[0];
        var admin = sub.Agents.First(a => a.IsSupervisor);
        return HttpAnswers.JsonAsync(ctx, w =>
        {
            w.WriteStartObject();
            w.WriteString("accessToken", access);
            if (includeRefresh)
            {
                w.WriteString("refreshToken", refresh);
            }

            w.WriteString("tokenType", "Bearer");
            w.WriteString("mainAccountId", state.Credentials.MainAccountId);
            if (withDetails)
            {
                w.WriteStartArray("agentDetails");
                w.WriteStartObject();
                w.WriteNumber("agentId", admin.AgentId);
                w.WriteString("firstName", admin.FirstName);
                w.WriteString("lastName", admin.LastName);
                w.WriteString("email", admin.Email);
                w.WriteString("username", admin.UserName);
                w.WriteString("agentType", "SUPERVISOR");
                w.WriteString("rcUserId", admin.RcUserId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteString("accountId", sub.SubAccountId);
                w.WriteString("accountName", sub.Name);
                w.WriteNumber("agentGroupId", long.Parse(admin.AgentGroupId, System.Globalization.CultureInfo.InvariantCulture));
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteNumber("adminId", 9001);
                w.WriteString("adminUrl", "/voice/admin/");
                w.WriteString("agentUrl", "/voice/agent/");
                w.WriteBoolean("ssoLogin", true);
            }

            w.WriteEndObject();
        });
    }

    private static (string? ClientId, string? Secret) BasicCredentials(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (text, null) : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    private static Task AuthTooManyAsync(HttpContext ctx, TimeSpan wait)
    {
        ctx.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return OAuthErrorAsync(ctx, StatusCodes.Status429TooManyRequests, "rate_limited", "CMN-301", "Request rate exceeded");
    }

    private static Task OAuthErrorAsync(HttpContext ctx, int status, string error, string code, string description)
    {
        ctx.Response.StatusCode = status;
        return HttpAnswers.JsonAsync(ctx, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteStartArray("errors");
            w.WriteStartObject();
            w.WriteString("errorCode", code);
            w.WriteString("message", description);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("error_description", description);
            w.WriteEndObject();
        }, status);
    }
}
