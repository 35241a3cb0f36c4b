using RcWarehouse.Simulator;
using Xunit;

namespace RcWarehouse.IntegrationTests.Support;

/// <summary>One in-process simulator per test class, with a relaxed rate limit (the limiter has tests of its own).</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public const string RelaxedRateLimit = "600/1s";

    public SimulatorHost Simulator { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, RateLimit = RelaxedRateLimit }, TimeProvider.System, CancellationToken.None);

    public async ValueTask DisposeAsync() => await Simulator.DisposeAsync();
}
