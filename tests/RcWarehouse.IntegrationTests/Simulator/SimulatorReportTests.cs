using System.Globalization;
using System.Net;
using System.Text.Json;
using RcWarehouse.Simulator;
using Xunit;

namespace RcWarehouse.IntegrationTests.Simulator;

/// <summary>One simulator, its clock fixed on a Monday afternoon (US/Eastern), shared by the class.</summary>
public sealed class SimulatorReportFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 2, 21, 0, 0, TimeSpan.Zero);

    public ManualTimeProvider Clock { get; } = new(Now);

    public SimulatorHost Simulator { get; private set; } = null!;

    public SimulatorHttp Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Simulator = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimit = "1000/1s", TokenTtlSeconds = 86400 }, Clock, CancellationToken.None);
        Http = new SimulatorHttp(Simulator);
        await Http.LoginAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }
    }
}

public sealed class SimulatorReportTests(SimulatorReportFixture fixture) : IClassFixture<SimulatorReportFixture>
{
    private static readonly string[] AgentKey = ["start", "agent_id", "queue"];
    private static readonly string[] AgentValues = ["interval", "agent_name", "queue_name", "talking_call_dur", "wrap_up_dur", "answ_call_cnt", "transfer_out_call_cnt"];
    private static readonly string[] StateKey = ["start", "agent_id"];
    private static readonly string[] StateValues =
    [
        "interval", "agent_name", "logged_in_dur", "available_dur", "ringing_dur", "talking_call_dur", "wrap_up_dur", "away_dur", "hold_dur",
        "presented_call_cnt", "answ_call_cnt", "transfer_out_call_cnt",
    ];

    private static readonly string[] QueueKey = ["start", "queue"];
    private static readonly string[] QueueValues =
    [
        "interval", "queue_name", "offd_direct_call_cnt", "overflow_in_call_cnt", "aband_call_cnt", "overflow_out_call_cnt", "answ_call_cnt",
        "queued_and_answ_call_dur", "queued_and_aband_call_dur", "talking_call_dur", "wrap_up_dur", "queued_answ_longest_que_dur",
        "queued_aband_longest_que_dur", "ans_servicelevel_cnt", "wait_dur", "aband_short_call_cnt", "aband_within_sl_cnt",
    ];

    private SimulatorHttp Http => fixture.Http;

    private string Sub => fixture.Simulator.Credentials.SubAccountIds[0];

    [Theory(Timeout = 30_000)]
    [InlineData("aggAgentExtendedStats", "agg-agent-extended-stats")]
    [InlineData("aggQueueStats", "agg-queue-stats")]
    [InlineData("aggAgentStats", "agg-agent-stats")]
    public async Task AggregateReport_InCsvXmlAndJson_CarriesIdenticalNumbers(string legacyName, string cxName)
    {
        var ct = TestContext.Current.CancellationToken;
        var (key, values) = legacyName switch
        {
            "aggQueueStats" => (QueueKey, QueueValues),
            "aggAgentStats" => (StateKey, StateValues),
            _ => (AgentKey, AgentValues),
        };
        var legacyBody = new { startDate = "2026-11-02 12:00:00", timeInterval = 15, timeZone = "US/Eastern", reportType = "WEM", outputFormat = "CSV" };

        var csv = ReportText.Csv(await Http.PostJsonOkAsync($"{SimulatorHttp.LegacyReports(Sub)}/{legacyName}", legacyBody, ct));
        var xml = ReportText.Xml(await Http.PostJsonOkAsync($"{SimulatorHttp.LegacyReports(Sub)}/{legacyName}", legacyBody with { outputFormat = "XML" }, ct));
        var json = ReportText.Json(await Http.PostJsonOkAsync($"{Http.CxPrefix(Sub)}/{cxName}",
            new { startDate = "2026-11-02 12:00:00", endDate = "2026-11-02 15:00:00", timeInterval = 15, timeZone = "America/New_York" }, ct));

        // The legacy answers run up to now; compare the three hours the current-generation request covered.
        static Dictionary<string, string> Index(IEnumerable<Dictionary<string, string>> rows, string[] key, string[] values) =>
            rows.Where(r => string.CompareOrdinal(r["start"], "2026-11-02 15:00") < 0)
                .ToDictionary(r => string.Join("|", key.Select(k => r[k])), r => string.Join("|", values.Select(v => r[v])));
        var fromCsv = Index(csv, key, values);
        var fromXml = Index(xml, key, values);
        var fromJson = Index(json, key, values);

        Assert.True(fromJson.Count >= 12, $"only {fromJson.Count} rows in three afternoon hours");
        Assert.Equal(fromJson.OrderBy(p => p.Key), fromCsv.OrderBy(p => p.Key));
        Assert.Equal(fromJson.OrderBy(p => p.Key), fromXml.OrderBy(p => p.Key));
    }

    [Fact(Timeout = 30_000)]
    public async Task QueueStats_AnsweredCallsAndTalkTime_EqualTheSumOverAgents()
    {
        var ct = TestContext.Current.CancellationToken;
        var body = new { startDate = "2026-11-02 14:00:00", endDate = "2026-11-02 17:00:00", timeInterval = 30, timeZone = "UTC" };

        var queues = ReportText.Json(await Http.PostJsonOkAsync($"{Http.CxPrefix(Sub)}/agg-queue-stats", body, ct));
        var agents = ReportText.Json(await Http.PostJsonOkAsync($"{Http.CxPrefix(Sub)}/agg-agent-extended-stats", body, ct));

        Assert.Contains(queues, q => long.Parse(q["overflow_in_call_cnt"], CultureInfo.InvariantCulture) > 0);
        foreach (var q in queues)
        {
            var mine = agents.Where(a => a["start"] == q["start"] && a["queue"] == q["queue"]).ToList();
            Assert.Equal(long.Parse(q["answ_call_cnt"], CultureInfo.InvariantCulture), mine.Sum(a => long.Parse(a["answ_call_cnt"], CultureInfo.InvariantCulture)));
            Assert.Equal(long.Parse(q["talking_call_dur"], CultureInfo.InvariantCulture), mine.Sum(a => long.Parse(a["talking_call_dur"], CultureInfo.InvariantCulture)));
            Assert.Equal(long.Parse(q["overflow_out_call_cnt"], CultureInfo.InvariantCulture), mine.Sum(a => long.Parse(a["transfer_out_call_cnt"], CultureInfo.InvariantCulture)));
            Assert.Equal("30", q["interval"]);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task AgentStats_StatesAddUpToLoggedIn_AgreeWithAgentExtended_AndSumAcrossIntervalLengths()
    {
        var ct = TestContext.Current.CancellationToken;
        static long N(Dictionary<string, string> row, string field) => long.Parse(row[field], CultureInfo.InvariantCulture);
        var quarter = new { startDate = "2026-11-02 14:00:00", endDate = "2026-11-02 17:00:00", timeInterval = 15, timeZone = "UTC" };

        var states = ReportText.Json(await Http.PostJsonOkAsync($"{Http.CxPrefix(Sub)}/agg-agent-stats", quarter, ct));
        var extended = ReportText.Json(await Http.PostJsonOkAsync($"{Http.CxPrefix(Sub)}/agg-agent-extended-stats", quarter, ct));
        var halves = ReportText.Json(await Http.PostJsonOkAsync($"{Http.CxPrefix(Sub)}/agg-agent-stats", quarter with { timeInterval = 30 }, ct));

        // Every logged-in second is in exactly one state, and some agents were away and some available
        Assert.True(states.Count >= 12, $"only {states.Count} rows");
        Assert.All(states, r => Assert.Equal(N(r, "logged_in_dur"), N(r, "available_dur") + N(r, "ringing_dur") + N(r, "talking_call_dur") + N(r, "wrap_up_dur") + N(r, "away_dur")));
        Assert.Contains(states, r => N(r, "away_dur") > 0);
        Assert.Contains(states, r => N(r, "available_dur") > 0);

        // Talk, wrap-up, answered and transferred equal agent extended statistics summed over the agent's queues
        foreach (var r in states)
        {
            var mine = extended.Where(e => e["start"] == r["start"] && e["agent_id"] == r["agent_id"]).ToList();
            Assert.Equal(mine.Sum(e => N(e, "talking_call_dur")), N(r, "talking_call_dur"));
            Assert.Equal(mine.Sum(e => N(e, "wrap_up_dur")), N(r, "wrap_up_dur"));
            Assert.Equal(mine.Sum(e => N(e, "answ_call_cnt")), N(r, "answ_call_cnt"));
            Assert.Equal(mine.Sum(e => N(e, "transfer_out_call_cnt")), N(r, "transfer_out_call_cnt"));
            Assert.True(N(r, "presented_call_cnt") >= N(r, "answ_call_cnt"));
        }

        // A 30-minute answer is the sum of its two 15-minute intervals
        foreach (var half in halves)
        {
            var start = DateTime.ParseExact(half["start"], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var parts = states.Where(r => r["agent_id"] == half["agent_id"]
                && (r["start"] == half["start"] || r["start"] == start.AddMinutes(15).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).ToList();
            Assert.Equal(parts.Sum(r => N(r, "logged_in_dur")), N(half, "logged_in_dur"));
            Assert.Equal(parts.Sum(r => N(r, "away_dur")), N(half, "away_dur"));
            Assert.Equal(parts.Sum(r => N(r, "hold_dur")), N(half, "hold_dur"));
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task CxAggregate_EndDateMoreThanThreeHoursAfterStart_Is400WithTheDocumentedErrorBody()
    {
        var ct = TestContext.Current.CancellationToken;

        using var response = await Http.PostJsonAsync($"{Http.CxPrefix(Sub)}/agg-queue-stats",
            new { startDate = "2026-11-02 09:00:00", endDate = "2026-11-02 12:00:01", timeInterval = 15, timeZone = "UTC" }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.Equal("The supplied data is not valid", error.RootElement.GetProperty("generalMessage").GetString());
        Assert.Equal("endDate", error.RootElement.GetProperty("validationErrors")[0].GetProperty("attributeName").GetString());
        foreach (var field in new[] { "developerMessage", "details", "cause", "requestUri", "timestamp" })
        {
            Assert.True(error.RootElement.TryGetProperty(field, out _), field);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task LegacyAggregate_HasNoEndDate_AndServesOnlyIntervalsThatHaveStarted()
    {
        var ct = TestContext.Current.CancellationToken;

        var rows = ReportText.Csv(await Http.PostJsonOkAsync($"{SimulatorHttp.LegacyReports(Sub)}/aggQueueStats",
            new { startDate = "2026-11-02 19:00:00", timeInterval = 15, timeZone = "UTC", reportType = "WEM", outputFormat = "CSV" }, ct));

        var starts = rows.Select(r => r["start"]).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal("2026-11-02 19:00", starts[0]);
        Assert.Equal("2026-11-02 20:45", starts[^1]);
        Assert.Equal(8, starts.Count);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("voice/api/integration/v2/admin/reports/accounts/{sub}/interactionMetadata", 3601)]
    [InlineData("{cx}/interaction-metadata", 10801)]
    public async Task Metadata_TimeIntervalAboveTheGenerationsLimit_Is400(string path, int seconds)
    {
        var ct = TestContext.Current.CancellationToken;
        path = path.Replace("{sub}", Sub, StringComparison.Ordinal).Replace("{cx}", Http.CxPrefix(Sub), StringComparison.Ordinal);

        using var tooLong = await Http.PostJsonAsync(path, new { segmentEndTime = "2026-11-02 15:00:00", timeInterval = seconds, timeZone = "UTC" }, ct);
        using var atLimit = await Http.PostJsonAsync(path, new { segmentEndTime = "2026-11-02 15:00:00", timeInterval = seconds - 1, timeZone = "UTC" }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task LegacySegments_HaveTheSampleFieldsPlusATenantsExtras_AndTransfersMakeMultiSegmentInteractions()
    {
        var ct = TestContext.Current.CancellationToken;
        string[] sampleFields =
        [
            "interactionId", "interactionStartTimeMs", "interactionDurationMs", "segmentID", "segmentAgentId", "segmentContactStartTimeMs",
            "segmentContactEndTimeMs", "segmentDuration", "interactionCallingAddress", "interactionCalledAddress", "interactionDirection",
            "segmentRecordingURL", "segmentAgentGroupId",

            // Fields the sample lacks, as a tenant's metadata may carry them (kept as segment attributes by the warehouse)
            "channelEndpointAddress", "ivrLanguage", "customerAccountNumber",
            "segmentEvents",
        ];

        using var doc = JsonDocument.Parse(await Http.PostJsonOkAsync($"voice/api/integration/v2/admin/reports/accounts/{Sub}/interactionMetadata",
            new { segmentEndTime = "2026-11-02 14:00:00", timeInterval = 3600, timeZone = "UTC" }, ct));
        var items = doc.RootElement.EnumerateArray().ToList();

        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal(sampleFields, i.EnumerateObject().Select(p => p.Name)));
        Assert.All(items, i => Assert.Equal(JsonValueKind.Number, i.GetProperty("segmentID").ValueKind));
        Assert.All(items, i => Assert.True(i.GetProperty("segmentAgentId").GetInt64() > int.MaxValue));
        Assert.Contains(items.GroupBy(i => i.GetProperty("interactionId").GetString()), g => g.Count() > 1);
        var recorded = items.First(i => i.GetProperty("segmentEvents").GetArrayLength() > 0);
        Assert.Equal("REC_START", recorded.GetProperty("segmentEvents")[0].GetProperty("eventType").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task CxSegments_CarryTheDocumentedFields_WithIdsAsStrings()
    {
        var ct = TestContext.Current.CancellationToken;
        string[] fields =
        [
            "subAccountId", "dialogId", "interactionId", "channelId", "channelType", "channelClass", "channelEndpointAddress", "contactEndpointAddress",
            "dialogOrigination", "dialogStartTimeMs", "dialogEndTimeMs", "dialogDurationMs", "segmentId", "segmentType", "segmentParticipantId",
            "segmentParticipantRcExtensionId", "segmentStartTimeMs", "segmentEndTimeMs", "segmentDurationMs", "segmentAgentGroupId", "systemDisposition",
            "agentDisposition", "agentNotes", "hasRecording", "hasTranscript", "segmentEvents",

            // Fields the documentation lacks, as a tenant's metadata may carry them (kept as segment attributes by the warehouse)
            "interactionCallingAddress", "ivrLanguage", "customerAccountNumber",
        ];

        using var doc = JsonDocument.Parse(await Http.PostJsonOkAsync($"{Http.CxPrefix(Sub)}/interaction-metadata",
            new { segmentEndTime = "2026-11-02 13:00:00", timeInterval = 10800, timeZone = "UTC" }, ct));
        var items = doc.RootElement.EnumerateArray().ToList();

        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal(fields.Order(StringComparer.Ordinal), i.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
        Assert.All(items, i => Assert.Equal(JsonValueKind.String, i.GetProperty("segmentId").ValueKind));
        Assert.All(items, i => Assert.EndsWith("Z", i.GetProperty("segmentStartTimeMs").GetString(), StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task ReferenceData_AgentsHaveSupervisors_AndQueuesListTheirAgents()
    {
        var ct = TestContext.Current.CancellationToken;
        var legacy = $"voice/api/integration/v1/admin/accounts/{Sub}";

        using var groups = JsonDocument.Parse(await (await Http.GetAsync($"{legacy}/agentGroups", ct)).Content.ReadAsStringAsync(ct));
        var groupId = groups.RootElement[0].GetProperty("agentGroupId").GetInt64();
        using var agents = JsonDocument.Parse(await (await Http.GetAsync($"{legacy}/agentGroups/{groupId}/agents", ct)).Content.ReadAsStringAsync(ct));
        using var queueGroups = JsonDocument.Parse(await (await Http.GetAsync($"{Http.CxPrefix(Sub)}/queue-groups", ct)).Content.ReadAsStringAsync(ct));
        var queueGroupId = queueGroups.RootElement[0].GetProperty("queueGroupId").GetString();
        using var queues = JsonDocument.Parse(await (await Http.GetAsync($"{Http.CxPrefix(Sub)}/queue-groups/{queueGroupId}/with-agents", ct)).Content.ReadAsStringAsync(ct));

        var list = agents.RootElement.EnumerateArray().ToList();
        var supervisor = Assert.Single(list, a => a.GetProperty("agentType").GetString() == "SUPERVISOR");
        var supervisorId = supervisor.GetProperty("agentId").GetInt64();
        Assert.All(list.Where(a => a.GetProperty("agentType").GetString() == "AGENT"),
            a => Assert.Equal(supervisorId, a.GetProperty("supervisorAgentIds")[0].GetInt64()));
        Assert.All(queues.RootElement.EnumerateArray(), q => Assert.True(q.GetProperty("agentIds").GetArrayLength() > 0));
    }

    [Fact(Timeout = 30_000)]
    public async Task UnknownSubAccount_Is403WithErrorBody()
    {
        var ct = TestContext.Current.CancellationToken;

        using var response = await Http.PostJsonAsync($"{SimulatorHttp.LegacyReports("999")}/aggQueueStats",
            new { startDate = "2026-11-02 19:00:00", timeInterval = 15, timeZone = "UTC", outputFormat = "CSV" }, ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You do not have permission", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }
}
