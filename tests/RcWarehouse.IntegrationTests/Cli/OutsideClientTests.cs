using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RcWarehouse.IntegrationTests.Support;
using Xunit;

namespace RcWarehouse.IntegrationTests.Cli;

/// <summary>
/// A client written only from ringcx-api.md (raw HTTP, none of our code) authenticates against the simulator and gets
/// exactly the numbers the warehouse holds after <c>sync</c>.
/// </summary>
public sealed class OutsideClientTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_documented_raw_http_client_sees_the_numbers_the_warehouse_holds_after_sync()
    {
        var sim = fixture.Simulator;
        var sub = sim.Credentials.SubAccountIds[1];
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-1);
        var ct = TestContext.Current.CancellationToken;

        // Given the warehouse after syncing 09:00-12:00 UTC of queue statistics from the current generation
        var settings = CliSettingsFile.Write(_temp.File("s.json"), sim, _temp.File("landing"), CliSettingsFile.Source(sim, "cx", sub, "Cx"));
        var database = _temp.File("w.db");
        await CliRun.MigrateAsync($"Data Source={database}");
        var run = await CliRun.InvokeAsync(
            "sync", "--from", Stamp(day.AddHours(9)), "--to", Stamp(day.AddHours(12)), "--report", "queue-stats",
            "--settings", settings, "--connection", $"Data Source={database}");
        Assert.True(run.ExitCode == 0, run.ToString());
        var warehouse = await new SqliteQueries(database).RowsAsync(
            """
            SELECT q.queue_id, f.interval_key, f.answ_call_cnt, f.aband_call_cnt, f.talking_call_dur_sec
            FROM fact_queue_interval f JOIN dim_queue q ON q.queue_key = f.queue_key
            ORDER BY q.queue_id, f.interval_key
            """);

        // When an outside client follows the documented two-step authentication and asks for the same window
        using var http = new HttpClient { BaseAddress = sim.BaseUrl };
        using var grant = new HttpRequestMessage(HttpMethod.Post, "restapi/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
                ["assertion"] = sim.Credentials.Jwt,
            }),
        };
        grant.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sim.Credentials.ClientId}:{sim.Credentials.ClientSecret}")));
        var platformToken = (await JsonAsync(await http.SendAsync(grant, ct))).GetProperty("access_token").GetString()!;

        using var exchange = new HttpRequestMessage(HttpMethod.Post, "api/auth/login/rc/accesstoken?includeRefresh=true")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["rcAccessToken"] = platformToken, ["rcTokenType"] = "Bearer" }),
        };
        var ringCxToken = (await JsonAsync(await http.SendAsync(exchange, ct))).GetProperty("accessToken").GetString()!;

        using var account = new HttpRequestMessage(HttpMethod.Get, "restapi/v1.0/account/~");
        account.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platformToken);
        var rcAccountId = (await JsonAsync(await http.SendAsync(account, ct))).GetProperty("id").ToString();

        var body = JsonSerializer.Serialize(new
        {
            startDate = day.AddHours(9).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            endDate = day.AddHours(12).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            timeInterval = 15,
            timeZone = "UTC",
        });
        using var report = new HttpRequestMessage(HttpMethod.Post, $"voice/api/cx/integration/v1/accounts/{rcAccountId}/sub-accounts/{sub}/agg-queue-stats")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        report.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ringCxToken);
        var answer = await JsonAsync(await http.SendAsync(report, ct));

        // Then every row it sees is in the warehouse with the same numbers, and nothing else is
        var outside = answer.EnumerateArray()
            .Select(r => new object?[]
            {
                Text(r, "queue"),
                long.Parse(DateTime.ParseExact(Text(r, "dateTimeFrom"), "MM-dd-yyyy'T'HH:mm:ss", CultureInfo.InvariantCulture).ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                long.Parse(Text(r, "answIxnCnt"), CultureInfo.InvariantCulture),
                long.Parse(Text(r, "abandIxnCnt"), CultureInfo.InvariantCulture),
                long.Parse(Text(r, "talkingIxnDur"), CultureInfo.InvariantCulture),
            })
            .OrderBy(r => (string)r[0]!, StringComparer.Ordinal).ThenBy(r => (long)r[1]!)
            .ToList();
        Assert.NotEmpty(outside);
        Assert.Equal(outside, warehouse);
    }

    private static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private static string Text(JsonElement row, string name) =>
        row.GetProperty(name) is { ValueKind: JsonValueKind.String } s ? s.GetString()! : row.GetProperty(name).GetRawText();

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}
