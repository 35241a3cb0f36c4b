using RcWarehouse.Core.Reports;
using RcWarehouse.IntegrationTests.Simulator;
using RcWarehouse.RingCx;
using RcWarehouse.RingCx.Auth;
using RcWarehouse.RingCx.Extraction;
using RcWarehouse.RingCx.Http;
using RcWarehouse.Simulator;
using Xunit;

namespace RcWarehouse.IntegrationTests.RingCx;

/// <summary>Login, token reuse, proactive refresh and 401 recovery, on a manual clock shared by client and simulator.</summary>
public sealed class RingCxAuthTests : IAsyncLifetime
{
    private static readonly DateTime Evening = new(2026, 11, 2, 21, 0, 0, DateTimeKind.Utc);
    private readonly ManualTimeProvider _clock = new(Evening);
    private readonly CapturedLogs _logs = new();
    private SimulatorHost _sim = null!;

    public async ValueTask InitializeAsync() =>
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimit = "100/1s", TokenTtlSeconds = 300 }, _clock, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    private RingCxClient Client(Action<RingCxOptions>? configure = null) =>
        new(TestClients.Options(_sim, o => { o.RateLimit = "100/1s"; configure?.Invoke(o); }), new HttpClient(), _clock, _logs);

    private static Task<RingCxResponse> FetchAsync(RingCxClient client, SourceOptions source) =>
        client.FetchReportAsync(source, source.SubAccountIds[0], ReportKind.QueueStats,
            new PlannedWindow(ReportKind.QueueStats, Evening.AddHours(-3), Evening), TestContext.Current.CancellationToken);

    private int Count(string pathPart, int? status = null) =>
        _sim.RequestLog.Records.Count(r => r.Path.Contains(pathPart, StringComparison.Ordinal) && (status is null || r.Status == status));

    [Fact(Timeout = 30_000)]
    public async Task ManyCalls_ShareOneLoginAndOneCachedToken()
    {
        using var client = Client();
        var source = TestClients.Source(_sim, ApiGeneration.Cx);

        for (var i = 0; i < 3; i++)
        {
            await FetchAsync(client, source);
        }

        await client.GetAgentGroupsAsync(source, source.SubAccountIds[0], TestContext.Current.CancellationToken);

        Assert.Equal(1, client.SessionFor(source).Logins);
        Assert.Equal(1, Count("/restapi/oauth/token"));
        Assert.Equal(1, Count("/api/auth/login/rc/accesstoken"));
        Assert.Equal(1, Count("/restapi/v1.0/account/~"));
    }

    [Fact(Timeout = 30_000)]
    public async Task TokenNearItsEnd_IsRefreshedBeforeUse_WithoutA401()
    {
        using var client = Client();
        var source = TestClients.Source(_sim, ApiGeneration.Cx);
        await FetchAsync(client, source);

        _clock.Advance(TimeSpan.FromMinutes(4).Add(TimeSpan.FromSeconds(1)));
        await FetchAsync(client, source);

        Assert.Equal(1, client.SessionFor(source).Refreshes);
        Assert.Equal(1, client.SessionFor(source).Logins);
        Assert.Equal(0, _sim.RequestLog.CountStatus(401));
    }

    [Fact(Timeout = 30_000)]
    public async Task TokenExpiringEarlyMidRun_IsRenewedOnce_AndTheRequestSentAgain()
    {
        using var client = Client();
        var source = TestClients.Source(_sim, ApiGeneration.Cx);
        await FetchAsync(client, source);
        _sim.EnqueueFaults(new SimulatedFault(SimulatedFaultKind.TokenExpired, "agg-queue-stats"));

        await FetchAsync(client, source);

        Assert.Equal(0, _sim.PendingFaults);
        Assert.Equal(1, _sim.RequestLog.CountStatus(401));
        Assert.Equal(1, client.SessionFor(source).Refreshes);
        Assert.Equal(200, _sim.RequestLog.Records.Last(r => r.Path.EndsWith("agg-queue-stats", StringComparison.Ordinal)).Status);
    }

    [Fact(Timeout = 30_000)]
    public async Task TokenThatOutlivedItsServerTtl_Answers401JwtIsExpired_AndIsRecovered()
    {
        // The client believes tokens live an hour, so only the server's 401 can tell it.
        using var client = Client(o => o.TokenLifetime = TimeSpan.FromHours(1));
        var source = TestClients.Source(_sim, ApiGeneration.Legacy);
        await client.FetchReportAsync(source, source.SubAccountIds[0], ReportKind.Segments,
            new PlannedWindow(ReportKind.Segments, Evening.AddHours(-2), Evening.AddHours(-1)), TestContext.Current.CancellationToken);

        _clock.Advance(TimeSpan.FromSeconds(301));
        var answer = await client.FetchReportAsync(source, source.SubAccountIds[0], ReportKind.Segments,
            new PlannedWindow(ReportKind.Segments, Evening.AddHours(-2), Evening.AddHours(-1)), TestContext.Current.CancellationToken);

        Assert.NotEmpty(answer.Body);
        Assert.Equal(1, _sim.RequestLog.CountStatus(401));
        Assert.Contains(_logs.Lines, l => l.Contains("Jwt is expired", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task WrongSecret_FailsWithAClearErrorThatNamesTheSourceButNotTheSecret()
    {
        using var client = Client();
        var source = TestClients.Source(_sim, ApiGeneration.Cx, name: "emea");
        source.ClientSecret = "s3cr3t-that-must-not-leak";

        var error = await Assert.ThrowsAsync<RingCxAuthException>(() => FetchAsync(client, source));

        Assert.Contains("emea", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", _logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", source.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task CxGeneration_TakesTheRcAccountIdFromThePlatformAccount()
    {
        using var client = Client();
        var source = TestClients.Source(_sim, ApiGeneration.Cx);

        var rcAccountId = await client.GetRcAccountIdAsync(source, TestContext.Current.CancellationToken);
        var mainAccountId = await client.GetMainAccountIdAsync(source, TestContext.Current.CancellationToken);

        Assert.Equal(_sim.Credentials.RcAccountId, rcAccountId);
        Assert.Equal(_sim.Credentials.MainAccountId, mainAccountId);
    }

    [Fact(Timeout = 30_000)]
    public async Task RefreshRefused_FallsBackToBothLoginSteps()
    {
        using var client = Client();
        var source = TestClients.Source(_sim, ApiGeneration.Cx);
        await FetchAsync(client, source);

        // Past the simulator's refresh-token life (10 h): the refresh answers 401, so the client logs in again.
        _clock.Advance(TimeSpan.FromHours(11));
        await FetchAsync(client, source);

        Assert.Equal(2, client.SessionFor(source).Logins);
        Assert.Equal(0, client.SessionFor(source).Refreshes);
        Assert.Equal(1, Count("/api/auth/token/refresh", status: 401));
        Assert.Equal(2, Count("/restapi/oauth/token", status: 200));
    }
}
