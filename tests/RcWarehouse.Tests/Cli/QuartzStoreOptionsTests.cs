using RcWarehouse.Cli;
using RcWarehouse.Cli.Operations;
using RcWarehouse.Warehouse;
using Xunit;

namespace RcWarehouse.Tests.Cli;

public sealed class QuartzStoreOptionsTests
{
    private static readonly WarehouseOptions SqliteWarehouse = new() { Provider = WarehouseProvider.Sqlite, ConnectionString = "Data Source=data/warehouse.db" };

    private static readonly WarehouseOptions SqlServerWarehouse = new() { Provider = WarehouseProvider.SqlServer, ConnectionString = "Server=db;Database=rcw" };

    [Fact]
    public void OnSqlite_TheStoreIsAFileOfItsOwnBesideTheWarehouse()
    {
        var store = new QuartzStoreOptions { PersistentStore = true };
        store.Validate(SqliteWarehouse);

        Assert.Equal(WarehouseProvider.Sqlite, store.StoreProvider(SqliteWarehouse));
        Assert.Equal($"Data Source={Path.Combine("data", "warehouse.quartz.db")}", store.StoreConnectionString(SqliteWarehouse));
        Assert.Equal("QRTZ_", store.StoreTablePrefix(SqliteWarehouse));
    }

    [Fact]
    public void OnSqlServer_TheStoreIsTheWarehouseWithTheQuartzSchema()
    {
        var store = new QuartzStoreOptions { PersistentStore = true };
        store.Validate(SqlServerWarehouse);

        Assert.Equal(SqlServerWarehouse.ConnectionString, store.StoreConnectionString(SqlServerWarehouse));
        Assert.Equal("quartz.QRTZ_", store.StoreTablePrefix(SqlServerWarehouse));
    }

    [Fact]
    public void ConfiguredConnectionAndPrefix_Win()
    {
        var store = new QuartzStoreOptions { PersistentStore = true, ConnectionString = "Data Source=/var/quartz.db", TablePrefix = "Q_" };

        Assert.Equal("Data Source=/var/quartz.db", store.StoreConnectionString(SqliteWarehouse));
        Assert.Equal("Q_", store.StoreTablePrefix(SqliteWarehouse));
    }

    [Fact]
    public void AStoreOnAnotherEngineThanTheWarehouse_NeedsItsConnectionString()
    {
        var store = new QuartzStoreOptions { PersistentStore = true, Provider = WarehouseProvider.SqlServer };

        var refused = Assert.Throws<UsageException>(() => store.Validate(SqliteWarehouse));
        Assert.Contains("Operations:Quartz:ConnectionString", refused.Message, StringComparison.Ordinal);
        store.ConnectionString = "Server=db;Database=quartz";
        store.Validate(SqliteWarehouse);
        Assert.Equal("quartz.QRTZ_", store.StoreTablePrefix(SqliteWarehouse));
    }

    [Theory]
    [InlineData("00:00:00", "00:00:30")]
    [InlineData("00:00:15", "-00:00:01")]
    public void CheckinTimes_MustBePositive(string interval, string threshold)
    {
        var store = new QuartzStoreOptions
        {
            PersistentStore = true,
            CheckinInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture),
            CheckinMisfireThreshold = TimeSpan.Parse(threshold, System.Globalization.CultureInfo.InvariantCulture),
        };

        var refused = Assert.Throws<UsageException>(() => store.Validate(SqliteWarehouse));
        Assert.Contains("CheckinInterval", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInMemoryWarehouse_HasNoFileToPutTheStoreBeside()
    {
        var store = new QuartzStoreOptions { PersistentStore = true };

        Assert.Throws<UsageException>(() => store.Validate(new WarehouseOptions { Provider = WarehouseProvider.Sqlite, ConnectionString = "Data Source=:memory:" }));
    }
}
