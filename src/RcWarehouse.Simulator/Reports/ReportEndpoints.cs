using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Simulator.Hosting;
using RcWarehouse.Simulator.Reference;

namespace RcWarehouse.Simulator.Reports;

/// <summary>The aggregate reports and interaction metadata of both generations, all answered from the same synthetic calls.</summary>
internal static class ReportEndpoints
{
    private const string LegacyReports = "/voice/api/integration/v1/admin/reports/accounts/{subAccountId}";
    private const string LegacyMetadata = "/voice/api/integration/v2/admin/reports/accounts/{subAccountId}/interactionMetadata";
    private const string Cx = "/voice/api/cx/integration/v1/accounts/{rcAccountId}/sub-accounts/{subAccountId}";
    private static readonly TimeSpan CxMaxAggregateWindow = TimeSpan.FromHours(3);
    private static readonly string[] DateFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss.fff"];

    public static void Map(WebApplication app, SimulatorState state)
    {
        foreach (var (name, report) in new[] { ("aggAgentExtendedStats", Aggregate.AgentExtended), ("aggQueueStats", Aggregate.Queue), ("aggAgentStats", Aggregate.Agent) })
        {
            app.MapPost($"{LegacyReports}/{name}", (RequestDelegate)(ctx => Guarded(ctx, state, (sub, body) => LegacyAggregateAsync(ctx, state, sub, body, report))))
                .WithMetadata(RateLimitedEndpoint.Instance);
        }

        foreach (var (name, report) in new[] { ("agg-agent-extended-stats", Aggregate.AgentExtended), ("agg-queue-stats", Aggregate.Queue), ("agg-agent-stats", Aggregate.Agent) })
        {
            app.MapPost($"{Cx}/{name}", (RequestDelegate)(ctx => Guarded(ctx, state, (sub, body) => CxAggregateAsync(ctx, state, sub, body, report))))
                .WithMetadata(RateLimitedEndpoint.Instance);
        }

        app.MapPost(LegacyMetadata, (RequestDelegate)(ctx => Guarded(ctx, state, (sub, body) => MetadataAsync(ctx, state, sub, body, maxSeconds: 3600, current: false))))
            .WithMetadata(RateLimitedEndpoint.Instance);
        app.MapPost($"{Cx}/interaction-metadata", (RequestDelegate)(ctx => Guarded(ctx, state, (sub, body) => MetadataAsync(ctx, state, sub, body, maxSeconds: 10800, current: true))))
            .WithMetadata(RateLimitedEndpoint.Instance);
    }

    private enum Aggregate
    {
        AgentExtended,
        Queue,
        Agent,
    }

    private static Task Guarded(HttpContext ctx, SimulatorState state, Func<SimSubAccount, JsonElement, Task> answer) =>
        ReferenceEndpoints.WithSubAccount(ctx, state, async sub =>
        {
            JsonElement body;
            try
            {
                using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
                body = doc.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                await HttpAnswers.InvalidAsync(ctx, state.Time, "body", "The request body is not valid JSON: " + ex.Message, null);
                return;
            }

            if (body.ValueKind != JsonValueKind.Object)
            {
                await HttpAnswers.InvalidAsync(ctx, state.Time, "body", "The request body must be a JSON object", null);
                return;
            }

            await answer(sub, body);
        });

    private static async Task LegacyAggregateAsync(HttpContext ctx, SimulatorState state, SimSubAccount sub, JsonElement body, Aggregate report)
    {
        if (await ReadCommonAsync(ctx, state, body) is not { } common)
        {
            return;
        }

        var format = Text(body, "outputFormat")?.ToUpperInvariant() ?? "CSV";
        if (format is not ("CSV" or "XML"))
        {
            await HttpAnswers.InvalidAsync(ctx, state.Time, "outputFormat", "outputFormat must be CSV or XML", format);
            return;
        }

        // No end date in the legacy body: the report runs from startDate up to now, and serves intervals that have started.
        var now = state.UtcNow;
        var starts = SyntheticContactCenter.IntervalStarts(common.StartUtc, now, common.Minutes, now);
        var table = report switch
        {
            Aggregate.AgentExtended => ReportRenderer.LegacyAgentExtended(state.Data.AgentExtendedStats(sub, starts, common.Minutes, now), common.Zone),
            Aggregate.Queue => ReportRenderer.LegacyQueue(state.Data.QueueStats(sub, starts, common.Minutes, now), common.Zone),
            _ => ReportRenderer.LegacyAgent(state.Data.AgentStats(sub, starts, common.Minutes, now), common.Zone),
        };

        ctx.Response.Headers.ContentDisposition = $"attachment; filename=\"{report}_{sub.SubAccountId}.{format.ToLowerInvariant()}\"";
        await HttpAnswers.BodyAsync(ctx, format == "CSV" ? table.ToCsv() : table.ToXml(), format == "CSV" ? "text/csv; charset=utf-8" : "application/xml; charset=utf-8");
    }

    private static async Task CxAggregateAsync(HttpContext ctx, SimulatorState state, SimSubAccount sub, JsonElement body, Aggregate report)
    {
        if (await ReadCommonAsync(ctx, state, body) is not { } common)
        {
            return;
        }

        var endText = Text(body, "endDate");
        if (endText is null || !TryLocal(endText, out var endLocal))
        {
            await HttpAnswers.InvalidAsync(ctx, state.Time, "endDate", "endDate is required as yyyy-MM-dd HH:mm:ss", endText);
            return;
        }

        var endUtc = ToUtc(endLocal, common.Zone);
        if (endUtc <= common.RequestedStartUtc)
        {
            await HttpAnswers.InvalidAsync(ctx, state.Time, "endDate", "endDate must be after startDate", endText);
            return;
        }

        if (endUtc - common.RequestedStartUtc > CxMaxAggregateWindow)
        {
            await HttpAnswers.InvalidAsync(ctx, state.Time, "endDate", "endDate must be at most 3 hours after startDate", endText);
            return;
        }

        var now = state.UtcNow;
        var starts = SyntheticContactCenter.IntervalStarts(common.StartUtc, endUtc, common.Minutes, now);
        var bytes = report switch
        {
            Aggregate.AgentExtended => ReportRenderer.CxAgentExtended(state.Data.AgentExtendedStats(sub, starts, common.Minutes, now), common.Zone),
            Aggregate.Queue => ReportRenderer.CxQueue(state.Data.QueueStats(sub, starts, common.Minutes, now), common.Zone),
            _ => ReportRenderer.CxAgent(state.Data.AgentStats(sub, starts, common.Minutes, now), common.Zone),
        };
        await HttpAnswers.BodyAsync(ctx, bytes, "application/json");
    }

    private static async Task MetadataAsync(HttpContext ctx, SimulatorState state, SimSubAccount sub, JsonElement body, int maxSeconds, bool current)
    {
        var zone = await ReadZoneAsync(ctx, state, body);
        if (zone is null)
        {
            return;
        }

        var startText = Text(body, "segmentEndTime");
        if (startText is null || !TryLocal(startText, out var startLocal))
        {
            await HttpAnswers.InvalidAsync(ctx, state.Time, "segmentEndTime", "segmentEndTime is required as yyyy-MM-dd HH:mm:ss", startText);
            return;
        }

        if (!TryInt(body, "timeInterval", out var seconds) || seconds < 1 || seconds > maxSeconds)
        {
            await HttpAnswers.InvalidAsync(ctx, state.Time, "timeInterval", $"timeInterval must be between 1 and {maxSeconds} seconds", Text(body, "timeInterval"));
            return;
        }

        var fromUtc = ToUtc(startLocal, zone);
        var segments = state.Data.Segments(sub, fromUtc, fromUtc.AddSeconds(seconds), state.UtcNow);
        await HttpAnswers.BodyAsync(ctx, current ? ReportRenderer.CxSegments(segments, sub.SubAccountId) : ReportRenderer.LegacySegments(segments, sub.SubAccountId, $"{ctx.Request.Scheme}://{ctx.Request.Host}"), "application/json");
    }

    private sealed record CommonBody(DateTime RequestedStartUtc, DateTime StartUtc, int Minutes, TimeZoneInfo Zone);

    /// <summary>startDate, timeInterval and timeZone, shared by both generations' aggregate bodies.</summary>
    private static async Task<CommonBody?> ReadCommonAsync(HttpContext ctx, SimulatorState state, JsonElement body)
    {
        var zone = await ReadZoneAsync(ctx, state, body);
        if (zone is null)
        {
            return null;
        }

        var startText = Text(body, "startDate");
        if (startText is null || !TryLocal(startText, out var startLocal))
        {
            await HttpAnswers.InvalidAsync(ctx, state.Time, "startDate", "startDate is required as yyyy-MM-dd HH:mm:ss", startText);
            return null;
        }

        // Minutes per the guides and the answers' interval field; the spec's seconds (900..3600) are accepted too.
        TryInt(body, "timeInterval", out var interval);
        var minutes = interval is 900 or 1800 or 2700 or 3600 ? interval / 60 : interval;
        if (minutes is not (15 or 30 or 45 or 60))
        {
            await HttpAnswers.InvalidAsync(ctx, state.Time, "timeInterval", "timeInterval must be 15, 30, 45 or 60 (minutes)", Text(body, "timeInterval"));
            return null;
        }

        // Intervals sit on the local clock's grid (a 60-minute report starts on the hour), whatever startDate says.
        var minuteOfDay = startLocal.Hour * 60 + startLocal.Minute;
        var alignedLocal = startLocal.Date.AddMinutes(minuteOfDay - minuteOfDay % minutes);
        return new CommonBody(ToUtc(startLocal, zone), ToUtc(alignedLocal, zone), minutes, zone);
    }

    private static async Task<TimeZoneInfo?> ReadZoneAsync(HttpContext ctx, SimulatorState state, JsonElement body)
    {
        var name = Text(body, "timeZone") ?? "UTC";
        if (TimeZones.TryFind(name, out var zone))
        {
            return zone;
        }

        await HttpAnswers.InvalidAsync(ctx, state.Time, "timeZone", "Unknown time zone", name);
        return null;
    }

    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

        // A local time skipped by a daylight-saving jump does not exist: read it as the first instant after the gap.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    private static bool TryLocal(string text, out DateTime local) =>
        DateTime.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        } : null;

    private static bool TryInt(JsonElement body, string name, out int value)
    {
        value = 0;
        var text = Text(body, name);
        return text is not null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}
