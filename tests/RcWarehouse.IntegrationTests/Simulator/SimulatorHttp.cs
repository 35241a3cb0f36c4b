using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RcWarehouse.Simulator;
using Xunit;

namespace RcWarehouse.IntegrationTests.Simulator;

/// <summary>Raw HTTP against a simulator, the way the documentation describes it (no RcWarehouse client code involved).</summary>
public sealed class SimulatorHttp(SimulatorHost simulator) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = simulator.BaseUrl, Timeout = TimeSpan.FromSeconds(20) };

    public SimulatorHost Simulator => simulator;

    public string? AccessToken { get; private set; }

    public string? RefreshToken { get; private set; }

    public string CxPrefix(string subAccountId) => $"voice/api/cx/integration/v1/accounts/{simulator.Credentials.RcAccountId}/sub-accounts/{subAccountId}";

    public static string LegacyReports(string subAccountId) => $"voice/api/integration/v1/admin/reports/accounts/{subAccountId}";

    public async Task<HttpResponseMessage> PlatformTokenAsync(string clientId, string secret, string jwt, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "restapi/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
                ["assertion"] = jwt,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return await _http.SendAsync(request, ct);
    }

    /// <summary>Both documented steps; keeps the RingCX tokens for the next calls.</summary>
    public async Task LoginAsync(CancellationToken ct)
    {
        var creds = simulator.Credentials;
        using var platform = await PlatformTokenAsync(creds.ClientId, creds.ClientSecret, creds.Jwt, ct);
        platform.EnsureSuccessStatusCode();
        using var platformJson = JsonDocument.Parse(await platform.Content.ReadAsStringAsync(ct));
        var rcToken = platformJson.RootElement.GetProperty("access_token").GetString()!;
        using var exchange = await _http.PostAsync("api/auth/login/rc/accesstoken?includeRefresh=true", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["rcAccessToken"] = rcToken,
            ["rcTokenType"] = "Bearer",
        }), ct);
        exchange.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await exchange.Content.ReadAsStringAsync(ct));
        AccessToken = json.RootElement.GetProperty("accessToken").GetString();
        RefreshToken = json.RootElement.GetProperty("refreshToken").GetString();
    }

    public async Task<HttpResponseMessage> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        var response = await _http.PostAsync("api/auth/token/refresh", new FormUrlEncodedContent(new Dictionary<string, string> { ["refresh_token"] = refreshToken }), ct);
        if (response.IsSuccessStatusCode)
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            AccessToken = json.RootElement.GetProperty("accessToken").GetString();
            RefreshToken = json.RootElement.GetProperty("refreshToken").GetString();
        }

        return response;
    }

    public async Task<HttpResponseMessage> GetAsync(string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        return await _http.SendAsync(request, ct);
    }

    public async Task<HttpResponseMessage> PostJsonAsync(string path, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        return await _http.SendAsync(request, ct);
    }

    public async Task<string> PostJsonOkAsync(string path, object body, CancellationToken ct)
    {
        using var response = await PostJsonAsync(path, body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return text;
    }

    public void Dispose() => _http.Dispose();
}
