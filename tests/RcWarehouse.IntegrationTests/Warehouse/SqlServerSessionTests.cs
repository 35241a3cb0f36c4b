using RcWarehouse.Warehouse;
using Xunit;

namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>SQL Server only: what a DBA sees of the engine's sessions, and that tests work in their scratch database.</summary>
[Collection(WarehouseCollectionDefinition.Name)]
public sealed class SqlServerSessionTests(WarehouseFixture fixture)
{
    [Fact]
    public async Task EngineSessions_AreNamedRcwarehouse_InTheRunsScratchDatabase()
    {
        var warehouse = await fixture.GetAsync(WarehouseProvider.SqlServer);

        var session = (await warehouse.QueryAsync(
            "SELECT s.program_name, DB_NAME() FROM sys.dm_exec_sessions AS s WHERE s.session_id = @@SPID",
            TestContext.Current.CancellationToken)).Single();

        Assert.Equal("rcwarehouse", session[0]);
        Assert.StartsWith("rcw_test_", (string)session[1]!, StringComparison.Ordinal);
    }
}
