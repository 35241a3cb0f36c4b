using System.Net;
using System.Text.Json;
using RcWarehouse.Simulator;
using Xunit;

namespace RcWarehouse.IntegrationTests.Simulator;

public sealed class SimulatorAuthTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 15, 0, 0, TimeSpan.Zero);

    private static async Task<(SimulatorHost Sim, ManualTimeProvider Clock, SimulatorHttp Http)> StartAsync(string authLimit = "50/60s")
    {
        var clock = new ManualTimeProvider(Start);
        var sim = await SimulatorHost.StartAsync(new SimulatorOptions { AuthRateLimit = authLimit }, clock, TestContext.Current.CancellationToken);
        return (sim, clock, new SimulatorHttp(sim));
    }

    [Fact(Timeout = 30_000)]
    public async Task JwtGrant_WithWrongSecret_Is401InvalidClient()
    {
        var (sim, _, http) = await StartAsync();
        await using var _s = sim;
        using var _h = http;
        var ct = TestContext.Current.CancellationToken;

        using var response = await http.PlatformTokenAsync(sim.Credentials.ClientId, "wrong-secret", sim.Credentials.Jwt, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task JwtGrant_WithWrongJwt_Is400InvalidGrant()
    {
        var (sim, _, http) = await StartAsync();
        await using var _s = sim;
        using var _h = http;
        var ct = TestContext.Current.CancellationToken;

        using var response = await http.PlatformTokenAsync(sim.Credentials.ClientId, sim.Credentials.ClientSecret, "not.the.jwt", ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_grant", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task ExchangedToken_OpensTheApi_UntilItsTtlThenAnswers401JwtIsExpired()
    {
        var (sim, clock, http) = await StartAsync();
        await using var _s = sim;
        using var _h = http;
        var ct = TestContext.Current.CancellationToken;
        await http.LoginAsync(ct);
        var path = $"voice/api/integration/v1/admin/accounts/{sim.Credentials.MainAccountId}/subaccounts";

        using (var ok = await http.GetAsync(path, ct))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            using var json = JsonDocument.Parse(await ok.Content.ReadAsStringAsync(ct));
            Assert.True(json.RootElement.GetArrayLength() >= 2);
        }

        clock.Advance(TimeSpan.FromSeconds(sim.Options.TokenTtlSeconds + 1));
        using var expired = await http.GetAsync(path, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.StartsWith("text/plain", expired.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Equal("Jwt is expired", await expired.Content.ReadAsStringAsync(ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task Refresh_GivesAWorkingToken_AndTheOldRefreshTokenWorksOnlyOnce()
    {
        var (sim, clock, http) = await StartAsync();
        await using var _s = sim;
        using var _h = http;
        var ct = TestContext.Current.CancellationToken;
        await http.LoginAsync(ct);
        var firstRefresh = http.RefreshToken!;
        clock.Advance(TimeSpan.FromSeconds(sim.Options.TokenTtlSeconds + 1));

        using var refreshed = await http.RefreshAsync(firstRefresh, ct);
        using var api = await http.GetAsync($"voice/api/integration/v1/admin/accounts/{sim.Credentials.SubAccountIds[0]}/agentGroups", ct);
        using var reused = await http.RefreshAsync(firstRefresh, ct);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task AuthCalls_BeyondTheAuthLimit_Are429()
    {
        var (sim, _, http) = await StartAsync(authLimit: "5/60s");
        await using var _s = sim;
        using var _h = http;
        var ct = TestContext.Current.CancellationToken;
        var creds = sim.Credentials;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await http.PlatformTokenAsync(creds.ClientId, creds.ClientSecret, creds.Jwt, ct);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
    }

    [Fact(Timeout = 30_000)]
    public async Task ApiCall_WithoutToken_Is401PlainText()
    {
        var (sim, _, http) = await StartAsync();
        await using var _s = sim;
        using var _h = http;
        var ct = TestContext.Current.CancellationToken;

        using var response = await http.GetAsync($"voice/api/integration/v1/admin/accounts/{sim.Credentials.SubAccountIds[0]}/gateGroups", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }
}
