using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using RcWarehouse.IntegrationTests.Support;
using RcWarehouse.Warehouse;
using Xunit;

namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>
/// One migrated warehouse per engine for the whole "Warehouse" collection: a SQLite file in a temp folder, and, on the
/// run's SQL Server (<see cref="SqlServerFixture"/>), a scratch database migrated on first use. Tests isolate themselves
/// by source id.
/// </summary>
public sealed class WarehouseFixture(SqlServerFixture sqlServerFixture) : IAsyncLifetime
{
    public const string BusinessTimeZone = "America/New_York";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private TestWarehouse? _sqlite;
    private TestWarehouse? _sqlServer;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "rcw-warehouse-tests-" + Guid.NewGuid().ToString("N"));

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 1, 6, 8, 0, 0, TimeSpan.Zero));

    public async ValueTask InitializeAsync()
    {
        _sqlite = Create(WarehouseProvider.Sqlite, $"Data Source={Path.Combine(Folder, "shared", "warehouse.db")}");
        await _sqlite.Engine.MigrateAsync(CancellationToken.None);
    }

    public async Task<TestWarehouse> GetAsync(WarehouseProvider provider)
    {
        if (provider == WarehouseProvider.Sqlite)
        {
            return _sqlite!;
        }

        await _gate.WaitAsync();
        try
        {
            if (_sqlServer is null)
            {
                // Skips the calling test, saying why, when the run has no SQL Server.
                var connectionString = await sqlServerFixture.CreateScratchDatabaseAsync(CancellationToken.None);
                var created = Create(WarehouseProvider.SqlServer, connectionString);
                await created.Engine.MigrateAsync(CancellationToken.None);
                _sqlServer = created;
            }

            return _sqlServer;
        }
        finally
        {
            _gate.Release();
        }
    }

    public TestWarehouse Create(WarehouseProvider provider, string connectionString)
    {
        var options = new WarehouseOptions
        {
            Provider = provider,
            ConnectionString = connectionString,
            BusinessTimeZone = BusinessTimeZone,
            BatchSize = 100,

            // These tests check what the publish protocol stores; the personal-data modes have their own tests
            // (Dimensions/PersonalDataTests), and SQL Server would refuse Hash without a secret.
            PersonalData = PersonalDataMode.Store,
        };
        return new TestWarehouse(provider, WarehouseFactory.Create(options, Clock, NullLoggerFactory.Instance));
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlite is not null)
        {
            await _sqlite.Engine.DisposeAsync();
        }

        if (_sqlServer is not null)
        {
            await _sqlServer.Engine.DisposeAsync();
        }

        _gate.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test run for.
        }
    }
}
