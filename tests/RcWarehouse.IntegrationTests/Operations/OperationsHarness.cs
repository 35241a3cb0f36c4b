using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RcWarehouse.Cli.Operations;
using RcWarehouse.Cli.Scheduling;
using RcWarehouse.IntegrationTests.RingCx;
using RcWarehouse.IntegrationTests.Support;
using RcWarehouse.IntegrationTests.Warehouse;
using RcWarehouse.RingCx;
using RcWarehouse.Simulator;
using RcWarehouse.Warehouse;
using Xunit;

namespace RcWarehouse.IntegrationTests.Operations;

/// <summary>
/// A simulator, an SQLite warehouse file, a landing folder and the service's singletons, all on one manual clock, so
/// tests drive the jobs by moving time. Rate limits are relaxed: these tests are about what lands, not how fast.
/// </summary>
internal sealed class OperationsHarness : IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    private OperationsHarness(ManualClock clock, SimulatorHost simulator, TempDirectory folder, RingCxOptions ringCx, OperationsOptions operations)
    {
        Clock = clock;
        Simulator = simulator;
        Folder = folder;
        RingCx = ringCx;
        Operations = operations;
        Database = new SqliteQueries(DatabasePath);
    }

    public ManualClock Clock { get; }

    public SimulatorHost Simulator { get; }

    public TempDirectory Folder { get; }

    public RingCxOptions RingCx { get; }

    public OperationsOptions Operations { get; }

    public string DatabasePath => Folder.File("warehouse.db");

    public SqliteQueries Database { get; }

    public WarehouseOptions WarehouseOptions => WarehouseAt(DatabasePath);

    /// <summary>
    /// One HMAC key for every warehouse of these tests: they compare warehouses loaded by different processes, and the
    /// default personal-data policy (hash) would otherwise give each SQLite file a random key of its own.
    /// </summary>
    public const string PersonalDataSecret = "operations-tests-hmac-key";

    public static WarehouseOptions WarehouseAt(string path) =>
        new() { Provider = WarehouseProvider.Sqlite, ConnectionString = $"Data Source={path}", PersonalDataSecret = PersonalDataSecret };

    public static async Task<OperationsHarness> StartAsync(DateTimeOffset now, Action<SimulatorOptions>? simulator = null, Action<RingCxOptions>? client = null)
    {
        var clock = new ManualClock(now);
        var simulatorOptions = new SimulatorOptions { Port = 0, RateLimit = "600/1s", AuthRateLimit = "600/1s", VolumeScale = 0.3 };
        simulator?.Invoke(simulatorOptions);
        var sim = await SimulatorHost.StartAsync(simulatorOptions, clock, TestContext.Current.CancellationToken);
        var folder = new TempDirectory();
        var ringCx = TestClients.Options(sim, o =>
        {
            o.LandingPath = folder.File("landing");
            o.RateLimit = "600/1s";
            o.AuthRateLimit = "600/1s";
            o.RequestTimeout = TimeSpan.FromSeconds(10);
            o.Sources = [TestClients.Source(sim, ApiGeneration.Cx)];
            client?.Invoke(o);
        });
        var operations = new OperationsOptions { InitialLookBack = TimeSpan.FromHours(2), NightlyLookBackDays = 1 };
        return new OperationsHarness(clock, sim, folder, ringCx, operations);
    }

    /// <summary>A fresh set of the service's singletons (its own RingCX session and warehouse object) over the same file.</summary>
    public async Task<ServiceProvider> ServicesAsync(string? databasePath = null)
    {
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddRcWarehouseOperations(RingCx, WarehouseAt(databasePath ?? DatabasePath), Operations, Clock)
            .BuildServiceProvider();
        _providers.Add(services);
        await services.GetRequiredService<IWarehouse>().MigrateAsync(TestContext.Current.CancellationToken);
        return services;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await Simulator.DisposeAsync();
        Folder.Dispose();
    }
}
