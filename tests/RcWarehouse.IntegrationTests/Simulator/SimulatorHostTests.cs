using RcWarehouse.Simulator;
using Xunit;

namespace RcWarehouse.IntegrationTests.Simulator;

public sealed class SimulatorHostTests
{
    [Fact(Timeout = 30_000)]
    public async Task RunUntilCancelled_ServesOn127001_ThenStopsWhenCancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions(), TimeProvider.System, ct);
        using var http = new HttpClient { BaseAddress = sim.BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        using var stop = new CancellationTokenSource();

        var running = sim.RunUntilCancelledAsync(stop.Token);
        using var whileRunning = await http.GetAsync("voice/api/integration/v1/admin/users/1", ct);
        await stop.CancelAsync();
        await running;

        Assert.Equal("127.0.0.1", sim.BaseUrl.Host);
        Assert.NotEqual(0, sim.BaseUrl.Port);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, whileRunning.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("voice/api/integration/v1/admin/users/1", ct));
        Assert.Contains("ClientSecret=***", sim.Credentials.ToString(), StringComparison.Ordinal);
    }
}
