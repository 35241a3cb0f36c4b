using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using RcWarehouse.IntegrationTests.Support;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Publishing;
using RcWarehouse.Warehouse.Sqlite;
using RcWarehouse.Warehouse.SqlServer;
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
    private string? _sqlServerConnectionString;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "rcw-warehouse-tests-" + Guid.NewGuid().ToString("N"));

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 1, 6, 8, 0, 0, TimeSpan.Zero));

    private string SqliteConnectionString => $"Data Source={Path.Combine(Folder, "shared", "warehouse.db")}";

    public async ValueTask InitializeAsync()
    {
        _sqlite = Create(WarehouseProvider.Sqlite, SqliteConnectionString);
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
                _sqlServerConnectionString = connectionString;
            }

            return _sqlServer;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The scratch database of <see cref="GetAsync"/> on SQL Server (call that first).</summary>
    public string SqlServerConnectionString => _sqlServerConnectionString ?? throw new InvalidOperationException("GetAsync(SqlServer) first.");

    public TestWarehouse Create(WarehouseProvider provider, string connectionString) =>
        new(provider, WarehouseFactory.Create(Options(provider, connectionString), Clock, NullLoggerFactory.Instance));

    /// <summary>
    /// An engine on the same database as <see cref="GetAsync"/>'s whose dialect runs <paramref name="beforeLoadTransaction"/>
    /// before each publish transaction (see <see cref="FaultingDialect"/>).
    /// </summary>
    internal async Task<TestWarehouse> CreateFaultingAsync(WarehouseProvider provider, Func<int, Task> beforeLoadTransaction, Action<WarehouseOptions>? configure = null)
    {
        await GetAsync(provider); // the database is migrated (or, without SQL Server, the test skipped)
        var options = Options(provider, provider == WarehouseProvider.Sqlite ? SqliteConnectionString : SqlServerConnectionString);
        configure?.Invoke(options);
        IWarehouseDialect inner = provider == WarehouseProvider.Sqlite
            ? new SqliteDialect(options, NullLogger.Instance)
            : new SqlServerDialect(options, NullLogger.Instance);
        return new TestWarehouse(provider, new WarehouseEngine(new FaultingDialect(inner, beforeLoadTransaction), options, Clock, NullLoggerFactory.Instance));
    }

    private static WarehouseOptions Options(WarehouseProvider provider, string connectionString)
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

            // A retried batch (a deadlock victim on SQL Server) should not keep the suite waiting.
            TransientRetryDelay = TimeSpan.FromMilliseconds(50),
        };
        return options;
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
