using Microsoft.Extensions.Logging;
using RcWarehouse.Warehouse.Publishing;
using RcWarehouse.Warehouse.Sqlite;
using RcWarehouse.Warehouse.SqlServer;

namespace RcWarehouse.Warehouse;

/// <summary>Creates the warehouse for the configured engine.</summary>
public static class WarehouseFactory
{
    public static IWarehouse Create(WarehouseOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        IWarehouseDialect dialect = options.Provider switch
        {
            WarehouseProvider.Sqlite => new SqliteDialect(options, loggerFactory.CreateLogger<SqliteDialect>()),
            WarehouseProvider.SqlServer => new SqlServerDialect(options, loggerFactory.CreateLogger<SqlServerDialect>()),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown warehouse provider."),
        };
        return new WarehouseEngine(dialect, options, time, loggerFactory);
    }
}
