using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging.Abstractions;
using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Loading;
using RcWarehouse.Warehouse.SqlServer;
using RcWarehouse.Warehouse.Staging;

namespace RcWarehouse.Bench;

/// <summary>
/// The SQL Server load, with its baseline measured in the same run: the same rows bulk-copied (the product's own
/// streaming reader, SqlBulkCopy) into a plain heap with the stage's columns and no index, which is as fast as rows
/// can reach that server from this client. Then the insert-only load (rows made in memory) and the end-to-end load of
/// the CSV, each into a scratch database created for the run and dropped after it.
/// Runs wherever RCW_TEST_SQLSERVER holds a connection string (a login that may create databases); says so and does
/// nothing otherwise. Usage: dotnet run -c Release --project bench/RcWarehouse.Bench -- sqlserver [--rows 1000000]
/// </summary>
internal static class SqlServerLoadBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<long> rowCounts, CancellationToken cancellationToken)
    {
        var server = Environment.GetEnvironmentVariable("RCW_TEST_SQLSERVER");
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.WriteLine("sqlserver benchmark skipped: RCW_TEST_SQLSERVER is not set (a SQL Server connection string whose login may create databases)");
            return 0;
        }

        var work = Path.Combine(Path.GetTempPath(), "rcw-bench");
        Directory.CreateDirectory(work);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        Console.WriteLine($"server: {new SqlConnectionStringBuilder(server).DataSource}");
        Console.WriteLine("| rows | mode | seconds | rows/s |");
        Console.WriteLine("| ---: | --- | ---: | ---: |");
        foreach (var rows in rowCounts)
        {
            var csv = Path.Combine(work, $"agent-extended-{rows}.csv");
            if (!File.Exists(csv))
            {
                await AgentExtendedCsvGenerator.WriteAsync(csv, rows, cancellationToken);
            }

            foreach (var mode in new[] { "heap", "insert", "load" })
            {
                var database = $"rcw_bench_{Guid.NewGuid():N}";
                await ExecuteAsync(server, $"CREATE DATABASE [{database}];", cancellationToken);
                try
                {
                    var connection = new SqlConnectionStringBuilder(server) { InitialCatalog = database }.ConnectionString;
                    var elapsed = await MeasureAsync(mode, connection, csv, rows, cancellationToken);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {rows:N0} | {mode} | {elapsed.TotalSeconds:F1} | {rows / elapsed.TotalSeconds:N0} |"));
                }
                finally
                {
                    SqlConnection.ClearAllPools();
                    await ExecuteAsync(server, $"ALTER DATABASE [{database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{database}];", cancellationToken);
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak RSS of the client: {LoadBenchmark.PeakRssMegabytes():F0} MB"));
        return 0;
    }

    private static async Task<TimeSpan> MeasureAsync(string mode, string connection, string csv, long rows, CancellationToken cancellationToken)
    {
        var options = new WarehouseOptions
        {
            Provider = WarehouseProvider.SqlServer,
            ConnectionString = connection,
            PersonalDataSecret = "bench-only-key-not-a-secret",
        };
        await using var warehouse = WarehouseFactory.Create(options, TimeProvider.System, NullLoggerFactory.Instance);
        await warehouse.MigrateAsync(cancellationToken);

        var clock = Stopwatch.StartNew();
        long count;
        switch (mode)
        {
            case "heap":
                count = await BulkCopyIntoHeapAsync(connection, rows, cancellationToken);
                break;
            case "insert":
                count = (await warehouse.LoadAsync(new BatchRequest("bench", ReportKind.AgentExtended, null, null, null), LoadBenchmark.InMemoryRows(rows, cancellationToken), cancellationToken)).RowsLoaded;
                break;
            default:
                count = (await ReportFileLoader.LoadAsync(warehouse, LoadBenchmark.FileRequest(csv, rows), null, cancellationToken)).RowsLoaded;
                break;
        }

        clock.Stop();
        return count == rows ? clock.Elapsed : throw new InvalidOperationException($"{mode}: expected {rows} rows, got {count}");
    }

    private static async Task<long> BulkCopyIntoHeapAsync(string connectionString, long rows, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var layout = AgentExtendedStaging.Layout;
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = $"SELECT TOP (0) * INTO dbo.bench_heap FROM {SqlServerStatements.StageDefinition(layout.Table)};";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        using var bulkCopy = new SqlBulkCopy(connection, SqlBulkCopyOptions.TableLock, null)
        {
            DestinationTableName = "dbo.bench_heap",
            BatchSize = 5000,
            BulkCopyTimeout = 3600,
        };
        bulkCopy.ColumnMappings.Add(StageDataReader<Core.Reports.AgentExtended.AgentExtendedRow>.BatchColumn, StageDataReader<Core.Reports.AgentExtended.AgentExtendedRow>.BatchColumn);
        foreach (var column in layout.Columns)
        {
            bulkCopy.ColumnMappings.Add(column.Name, column.Name);
        }

        await using var reader = new StageDataReader<Core.Reports.AgentExtended.AgentExtendedRow>(layout, 1, LoadBenchmark.InMemoryRows(rows, cancellationToken), cancellationToken);
        await bulkCopy.WriteToServerAsync(reader, cancellationToken);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT_BIG(*) FROM dbo.bench_heap;";
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
