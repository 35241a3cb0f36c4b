using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace RcWarehouse.Simulator.Hosting;

/// <summary>Writing answers the way RingCX does: JSON error bodies, plain-text 401s, bodies with an exact Content-Length.</summary>
internal static class HttpAnswers
{
    public const string FaultItem = "rcw.fault";
    public const string AbortedItem = "rcw.aborted";

    public static Task PlainAsync(HttpContext ctx, int status, string text)
    {
        ctx.Response.StatusCode = status;
        return BodyAsync(ctx, Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8");
    }

    /// <summary>The documented error body: generalMessage, developerMessage, details, cause, requestUri, timestamp, validationErrors.</summary>
    public static Task ErrorAsync(HttpContext ctx, int status, string generalMessage, string developerMessage, TimeProvider time, params (string Attribute, string Message, string? Value)[] validationErrors)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("generalMessage", generalMessage);
            writer.WriteString("developerMessage", developerMessage);
            writer.WriteString("details", developerMessage);
            writer.WriteNull("cause");
            writer.WriteString("requestUri", ctx.Request.Path.Value);
            writer.WriteNumber("timestamp", time.GetUtcNow().ToUnixTimeMilliseconds());
            writer.WriteStartArray("validationErrors");
            foreach (var (attribute, message, value) in validationErrors)
            {
                writer.WriteStartObject();
                writer.WriteString("attributeName", attribute);
                writer.WriteString("message", message);
                writer.WriteString("value", value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        ctx.Response.StatusCode = status;
        return BodyAsync(ctx, buffer.ToArray(), "application/json");
    }

    public static Task InvalidAsync(HttpContext ctx, TimeProvider time, string attribute, string message, string? value) =>
        ErrorAsync(ctx, StatusCodes.Status400BadRequest, "The supplied data is not valid", message, time, (attribute, message, value));

    public static Task ForbiddenAsync(HttpContext ctx, TimeProvider time, string developerMessage) =>
        ErrorAsync(ctx, StatusCodes.Status403Forbidden, "You do not have permission to access this resource", developerMessage, time);

    public static Task TooManyAsync(HttpContext ctx, TimeProvider time, TimeSpan? retryAfter)
    {
        if (retryAfter is { } wait)
        {
            ctx.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return ErrorAsync(ctx, StatusCodes.Status429TooManyRequests, "Too many requests", "The rate limit for this resource was exceeded; retry later.", time);
    }

    public static Task JsonAsync(HttpContext ctx, Action<Utf8JsonWriter> write, int status = StatusCodes.Status200OK)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        ctx.Response.StatusCode = status;
        return BodyAsync(ctx, buffer.ToArray(), "application/json");
    }

    /// <summary>
    /// Sends the whole body with its Content-Length, unless the request drew the truncated-body fault: then the full
    /// length is announced, half is sent and the connection is aborted, which is what a dropped transfer looks like.
    /// </summary>
    public static async Task BodyAsync(HttpContext ctx, byte[] body, string contentType)
    {
        ctx.Response.ContentType = contentType;
        ctx.Response.ContentLength = body.Length;
        if (ctx.Items[FaultItem] is SimulatedFault { Kind: SimulatedFaultKind.TruncatedBody })
        {
            await ctx.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);

            // Real (not simulated) time: the client must receive the headers and the first half before the reset,
            // or it would only ever see a refused connection instead of a short body.
            await Task.Delay(TimeSpan.FromMilliseconds(100), ctx.RequestAborted);
            ctx.Items[AbortedItem] = true;
            ctx.Abort();
            return;
        }

        await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
    }

    public static string? BearerToken(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
