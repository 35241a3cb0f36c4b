using RcWarehouse.Warehouse.SqlServer;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>Which SQL Server errors load a batch again (as a new batch) and which fail it for good.</summary>
public sealed class SqlServerErrorsTests
{
    [Theory]
    [InlineData(1205)] // deadlock victim
    [InlineData(1222)] // lock request time out (SET LOCK_TIMEOUT)
    [InlineData(40501)] // Azure SQL: service busy
    [InlineData(40613)] // Azure SQL: database unavailable (failover)
    [InlineData(49918)]
    [InlineData(49919)]
    [InlineData(49920)]
    public void DeadlocksLockTimeoutsAndAzureTransients_AreRetried(int number) => Assert.True(SqlServerErrors.IsTransientNumber(number));

    [Theory]
    [InlineData(2627)] // unique constraint: a bug or a real conflict, the same again fails the same way
    [InlineData(1505)] // duplicate key on the stage index: a refused file
    [InlineData(8152)] // string truncation
    [InlineData(50001)] // the publish applock could not be taken within Warehouse:PublishLockTimeout
    [InlineData(547)] // foreign key
    public void OtherErrors_AreNotRetried(int number) => Assert.False(SqlServerErrors.IsTransientNumber(number));

    [Fact]
    public void NonSqlExceptions_AreNotTransient()
    {
        Assert.False(SqlServerErrors.IsTransient(new InvalidDataException("row 3: bad number")));
        Assert.False(SqlServerErrors.IsTransient(new TimeoutException()));
    }
}
