using System.Globalization;
using System.Text.Json;
using RcWarehouse.Core.Reports;
using RcWarehouse.RingCx.Extraction;
using RcWarehouse.RingCx.Http;
using RcWarehouse.Core.Intervals;

namespace RcWarehouse.RingCx;

public sealed partial class RingCxClient
{
    /// <summary>
    /// Fetches one report for one sub-account and window, spending one permit of the sub-account's budget per attempt.
    /// The answer is complete (Content-Length verified) or this throws; a 401 renews the token once and re-sends.
    /// </summary>
    public async Task<RingCxResponse> FetchReportAsync(SourceOptions source, string subAccountId, ReportKind report, PlannedWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(window);
        var request = await BuildReportRequestAsync(source, subAccountId, report, window, cancellationToken);
        var response = await SendAsync(source, request, ReportLimiter(subAccountId), cancellationToken);
        if (source.ApiGeneration == ApiGeneration.Cx && report != ReportKind.Segments)
        {
            CheckIntervals(response, source.IntervalMinutes);
        }

        return response;
    }

    /// <summary>The file format a source's answers for a report come in.</summary>
    public static ReportFormat FormatOf(SourceOptions source, ReportKind report)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (report == ReportKind.Segments || source.ApiGeneration == ApiGeneration.Cx)
        {
            return ReportFormat.Json;
        }

        return source.ReportFormat.Trim().ToLowerInvariant() switch
        {
            "csv" => ReportFormat.Csv,
            "xml" => ReportFormat.Xml,
            var other => throw new ArgumentException($"Source '{source.Name}': ReportFormat must be csv or xml, not '{other}'.", nameof(source)),
        };
    }

    private async Task<RingCxRequest> BuildReportRequestAsync(SourceOptions source, string subAccountId, ReportKind report, PlannedWindow window, CancellationToken cancellationToken)
    {
        var zone = TimeZones.Find(source.TimeZone);
        string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var seconds = (int)window.Length.TotalSeconds;
        var sub = Uri.EscapeDataString(subAccountId);

        if (source.ApiGeneration == ApiGeneration.Legacy)
        {
            if (report == ReportKind.Segments)
            {
                return Post(source, $"voice/api/integration/v2/admin/reports/accounts/{sub}/interactionMetadata",
                    new Dictionary<string, object> { ["segmentEndTime"] = Local(window.StartUtc), ["timeInterval"] = seconds, ["timeZone"] = source.TimeZone });
            }

            var name = report switch
            {
                ReportKind.QueueStats => "aggQueueStats",
                ReportKind.AgentStats => "aggAgentStats",
                _ => "aggAgentExtendedStats",
            };
            return Post(source, $"voice/api/integration/v1/admin/reports/accounts/{sub}/{name}", new Dictionary<string, object>
            {
                ["startDate"] = Local(window.StartUtc),
                ["timeInterval"] = source.IntervalMinutes,
                ["timeZone"] = source.TimeZone,
                ["reportType"] = "WEM",
                ["outputFormat"] = FormatOf(source, report) == ReportFormat.Xml ? "XML" : "CSV",
            });
        }

        var rcAccountId = Uri.EscapeDataString(await GetRcAccountIdAsync(source, cancellationToken));
        var prefix = $"voice/api/cx/integration/v1/accounts/{rcAccountId}/sub-accounts/{sub}";
        if (report == ReportKind.Segments)
        {
            // segmentEndTime is the START of the window, despite its name (documented).
            return Post(source, $"{prefix}/interaction-metadata",
                new Dictionary<string, object> { ["segmentEndTime"] = Local(window.StartUtc), ["timeInterval"] = seconds, ["timeZone"] = source.TimeZone });
        }

        var inSeconds = source.CxTimeIntervalUnit.Equals("seconds", StringComparison.OrdinalIgnoreCase);
        var path = report switch
        {
            ReportKind.QueueStats => "agg-queue-stats",
            ReportKind.AgentStats => "agg-agent-stats",
            _ => "agg-agent-extended-stats",
        };
        return Post(source, $"{prefix}/{path}", new Dictionary<string, object>
        {
            ["startDate"] = Local(window.StartUtc),
            ["endDate"] = Local(window.EndUtc),
            ["timeInterval"] = inSeconds ? source.IntervalMinutes * 60 : source.IntervalMinutes,
            ["timeZone"] = source.TimeZone,
        });
    }

    private RingCxRequest Post(SourceOptions source, string relative, Dictionary<string, object> body) =>
        new(HttpMethod.Post, RingCxUrl(source, relative), JsonSerializer.Serialize(body));

    /// <summary>
    /// The spec and the guides disagree on timeInterval's unit; the answer's <c>interval</c> says what the server did.
    /// A mismatch is an error, not something to guess around.
    /// </summary>
    private static void CheckIntervals(RingCxResponse response, int expectedMinutes)
    {
        using var json = JsonDocument.Parse(response.Body);
        if (json.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{response.Method} {response.Path}: expected a JSON array, got {json.RootElement.ValueKind}.");
        }

        foreach (var row in json.RootElement.EnumerateArray())
        {
            var interval = Auth.RingCxSession.JsonText(row, "interval");
            if (interval is not null && interval != expectedMinutes.ToString(CultureInfo.InvariantCulture))
            {
                throw new InvalidDataException(
                    $"{response.Method} {response.Path}: the answer's interval is {interval} but {expectedMinutes} minutes were asked for; check CxTimeIntervalUnit.");
            }
        }
    }
}
