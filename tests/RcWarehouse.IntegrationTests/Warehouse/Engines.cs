using System.Globalization;
using RcWarehouse.Warehouse;
using Xunit;

namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>Every engine-facing test runs on SQLite, and on SQL Server when RCW_TEST_SQLSERVER is set (otherwise it says it was skipped).</summary>
public static class Engines
{
    public static TheoryData<WarehouseProvider> All => [WarehouseProvider.Sqlite, WarehouseProvider.SqlServer];

    /// <summary>One text form for values from either engine, so assertions read the same for both.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        decimal d => d.ToString("0.############", CultureInfo.InvariantCulture),
        double d => ((decimal)d).ToString("0.############", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
