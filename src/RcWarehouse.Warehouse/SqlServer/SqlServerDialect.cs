using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;
using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse.Publishing;
using RcWarehouse.Warehouse.Staging;

namespace RcWarehouse.Warehouse.SqlServer;

/// <summary>
/// The production engine. Rows reach <c>stage.*</c> heaps through SqlBulkCopy (TableLock, streaming reader), then one
/// transaction takes an applock on (source, report) and publishes.
/// Staging deliberately runs before that transaction, not inside it: bulk-update locks taken with TableLock are held
/// until the end of the transaction that owns them, so two loaders each holding theirs across a publish that deletes
/// from the same heap would deadlock. Committed per bulk batch, the locks are short; the staged rows carry the batch
/// id, nothing reads them but their own publish, and a failed batch deletes them when it records the failure.
/// </summary>
internal sealed class SqlServerDialect : IWarehouseDialect
{
    private readonly string _connectionString;
    private readonly int _batchSize;
    private readonly ILogger _logger;

    public SqlServerDialect(WarehouseOptions options, ILogger logger)
    {
        _connectionString = SqlServerConnectionString.WithDefaults(options.ConnectionString);
        _batchSize = Math.Max(1, options.BatchSize);
        _logger = logger;
    }

    public WarehouseProvider Provider => WarehouseProvider.SqlServer;

    public WarehouseSql Sql => SqlServerStatements.Catalog;

    public bool StagesInPublishTransaction => false;

    public void EnsureStorage()
    {
        // The database is created by whoever runs the server; migrations start inside it.
    }

    public bool StorageExists() => true;

    public string Describe()
    {
        var builder = new SqlConnectionStringBuilder(_connectionString);
        return $"server {builder.DataSource}, database {(string.IsNullOrEmpty(builder.InitialCatalog) ? "(the login's default)" : builder.InitialCatalog)}";
    }

    public DbUp.Builder.UpgradeEngineBuilder CreateUpgrader() => DbUp.DeployChanges.To.SqlDatabase(_connectionString);

    public async Task<IAsyncDisposable> AcquireMigrationLockAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return await SqlServerMigrationLock.AcquireAsync(connection, timeout, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>OPENJSON (reference snapshots) needs compatibility level 130 or higher.</summary>
    public async Task CheckServerAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlServerJournalStatements.Sql.CompatibilityLevel!.Text;
        command.CommandTimeout = 30;
        var level = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (level < 130)
        {
            var database = connection.Database;
            throw new WarehouseSchemaException(
                $"Database {database} runs at compatibility level {level}; rcwarehouse needs 130 or higher (OPENJSON). "
                + $"Raise it with: ALTER DATABASE [{database.Replace("]", "]]", StringComparison.Ordinal)}] SET COMPATIBILITY_LEVEL = 150;");
        }
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = SqlServerStatements.SessionSettings.Text;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((SqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    public Task<DbTransaction> BeginLoadTransactionAsync(DbConnection connection, ReportKind report, CancellationToken cancellationToken) =>
        BeginTransactionAsync(connection, cancellationToken);

    public void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = ((SqlCommand)command).CreateParameter();
        parameter.ParameterName = name;
        switch (value)
        {
            case null:
                parameter.Value = DBNull.Value;
                break;
            case DateTime t:
                parameter.SqlDbType = SqlDbType.DateTime2;
                parameter.Scale = 3;
                parameter.Value = t;
                break;
            case DateOnly d:
                parameter.SqlDbType = SqlDbType.Date;
                parameter.Value = d.ToDateTime(TimeOnly.MinValue);
                break;
            case TimeOnly t:
                parameter.SqlDbType = SqlDbType.Time;
                parameter.Scale = 0;
                parameter.Value = t.ToTimeSpan();
                break;
            case string s:
                parameter.SqlDbType = SqlDbType.NVarChar;
                parameter.Size = s.Length <= 4000 ? 4000 : -1;
                parameter.Value = s;
                break;
            default:
                parameter.Value = value;
                break;
        }

        command.Parameters.Add(parameter);
    }

    public DateTime ReadUtc(DbDataReader reader, int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    public async Task StageAsync<TRow>(
        DbConnection connection,
        DbTransaction? transaction,
        StageLayout<TRow> layout,
        StageTarget target,
        IAsyncEnumerable<TRow> rows,
        CancellationToken cancellationToken)
    {
        using var bulkCopy = new SqlBulkCopy((SqlConnection)connection, SqlBulkCopyOptions.TableLock, (SqlTransaction?)transaction)
        {
            DestinationTableName = SqlServerStatements.StageTable(layout.Table),
            BatchSize = _batchSize,
            BulkCopyTimeout = 0,

            // Rows always stream from the reader; EnableStreaming would only switch (max) columns to GetTextReader
            // reads, which buys nothing for short notes and event lists.
            EnableStreaming = false,
            NotifyAfter = _batchSize,
        };
        bulkCopy.SqlRowsCopied += (_, e) => _logger.LogDebug("Staged {Rows} rows into {Table}", e.RowsCopied, bulkCopy.DestinationTableName);

        // Explicit mappings by name: the heap's column order is the migration's business, not the reader's.
        bulkCopy.ColumnMappings.Add(StageDataReader<TRow>.BatchColumn, StageDataReader<TRow>.BatchColumn);
        foreach (var column in layout.Columns)
        {
            bulkCopy.ColumnMappings.Add(column.Name, column.Name);
        }

        await using var reader = new StageDataReader<TRow>(layout, target.LoadBatchId, rows, cancellationToken);
        await bulkCopy.WriteToServerAsync(reader, cancellationToken);
    }
}
