using Microsoft.Data.Sqlite;
using RcWarehouse.Warehouse.Sqlite;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

public sealed class NativeBindingsTests
{
    [Fact]
    public void MicrosoftDataSqlitesOwnLibrary_IsTheOneTheDirectBindingsCall()
    {
        // Microsoft.Data.Sqlite initialises SQLitePCL with its bundled e_sqlite3 when a connection is first made.
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();

        // The fast path is taken only when the handles come from that same library.
        Assert.True(NativeBindings.Usable);
    }
}
