using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RcWarehouse.Simulator.Auth;

namespace RcWarehouse.Simulator.Hosting;

/// <summary>
/// What stands between a request and a RingCX API endpoint, in the order the real service appears to apply it:
/// the request log, bearer-token check (401 plain text), the per-sub-account report limit (429), then injected faults.
/// </summary>
internal sealed class ApiGate(SimulatorState state)
{
    public async Task LogAsync(HttpContext ctx, RequestDelegate next)
    {
        var receivedAt = state.Time.GetUtcNow();
        var limited = ctx.GetEndpoint()?.Metadata.GetMetadata<RateLimitedEndpoint>() is not null;
        try
        {
            await next(ctx);
        }
        finally
        {
            var aborted = ctx.Items.ContainsKey(HttpAnswers.AbortedItem) || ctx.RequestAborted.IsCancellationRequested;
            state.Log.Add(new SimulatorRequestRecord(
                receivedAt,
                ctx.Request.Method,
                ctx.Request.Path.Value ?? "",
                ctx.GetRouteValue("subAccountId") as string,
                limited,
                aborted ? 0 : ctx.Response.StatusCode,
                (ctx.Items[HttpAnswers.FaultItem] as SimulatedFault)?.Kind));
        }
    }

    public async Task GuardApiAsync(HttpContext ctx, RequestDelegate next)
    {
        if (!ctx.Request.Path.StartsWithSegments("/voice/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(ctx);
            return;
        }

        var token = HttpAnswers.BearerToken(ctx);
        switch (state.Tokens.CheckAccess(token))
        {
            case TokenState.Unknown:
                await HttpAnswers.PlainAsync(ctx, StatusCodes.Status401Unauthorized, token is null ? "Full authentication is required to access this resource" : "Invalid token");
                return;
            case TokenState.Expired:
                await HttpAnswers.PlainAsync(ctx, StatusCodes.Status401Unauthorized, "Jwt is expired");
                return;
        }

        var fault = state.Faults.Next(ctx.Request.Path.Value ?? "");
        if (fault is { Kind: SimulatedFaultKind.TokenExpired })
        {
            ctx.Items[HttpAnswers.FaultItem] = fault;
            state.Tokens.ExpireNow(token!);
            await HttpAnswers.PlainAsync(ctx, StatusCodes.Status401Unauthorized, "Jwt is expired");
            return;
        }

        var limited = ctx.GetEndpoint()?.Metadata.GetMetadata<RateLimitedEndpoint>() is not null;
        var subAccountId = ctx.GetRouteValue("subAccountId") as string;
        if (limited && subAccountId is not null && !state.ReportLimiter.TryAcquire("reports:" + subAccountId, state.Time.GetUtcNow(), out _))
        {
            // The documented service sends no Retry-After: neither does the simulator's real limiter.
            await HttpAnswers.TooManyAsync(ctx, state.Time, retryAfter: null);
            return;
        }

        if (fault is not null)
        {
            ctx.Items[HttpAnswers.FaultItem] = fault;
            switch (fault.Kind)
            {
                case SimulatedFaultKind.TooManyRequests:
                    await HttpAnswers.TooManyAsync(ctx, state.Time, fault.RetryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
                    return;
                case SimulatedFaultKind.InternalServerError:
                    await HttpAnswers.ErrorAsync(ctx, StatusCodes.Status500InternalServerError, "Internal server error", "Simulated failure.", state.Time);
                    return;
                case SimulatedFaultKind.ServiceUnavailable:
                    await HttpAnswers.ErrorAsync(ctx, StatusCodes.Status503ServiceUnavailable, "Service unavailable", "Simulated outage.", state.Time);
                    return;
                case SimulatedFaultKind.AbortedConnection:
                    ctx.Items[HttpAnswers.AbortedItem] = true;
                    ctx.Abort();
                    return;
                case SimulatedFaultKind.Delay:
                    await Task.Delay(state.Options.FaultDelay, state.Time, ctx.RequestAborted);
                    break;
            }
        }

        await next(ctx);
    }
}
