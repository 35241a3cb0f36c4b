using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse.Publishing;
using RcWarehouse.Warehouse.Staging;

namespace RcWarehouse.Warehouse.SqlServer;

/// <summary>
/// The production engine. Each batch stages into #temp tables of its own session (created from the <c>stage.*</c>
/// definitions, which hold no rows), filled by SqlBulkCopy from a streaming reader (the protocol then gives them a
/// unique clustered index on the grain); dim_interval rows are inserted in a short transaction of their own; then one transaction takes
/// the applocks of (source, report) and of the source's dimensions and publishes. Nothing is shared between loaders
/// until the publish, and nothing shared is left behind when a batch fails: its #temp tables are the session's, dropped
/// when SqlClient resets the pooled session (its next open, or the pool closing it after idling).
/// </summary>
internal sealed class SqlServerDialect : IWarehouseDialect
{
    // A concurrent publisher inserting the same calendar slot between our NOT EXISTS and our INSERT: the second try sees it.
    private const int IntervalInsertAttempts = 3;

    private readonly string _connectionString;
    private readonly int _batchSize;
    private readonly int _lockTimeoutMs;
    private readonly int _bulkCopyTimeoutSeconds;
    private readonly NamedSql _sessionSettings;
    private readonly SqlRetryLogicBaseProvider _openRetry;
    private readonly ILogger _logger;

    public SqlServerDialect(WarehouseOptions options, ILogger logger)
    {
        options.Validate();
        _connectionString = SqlServerConnectionString.WithDefaults(options.ConnectionString, options.ConnectTimeout);
        _batchSize = Math.Max(1, options.BatchSize);
        CommandTimeoutSeconds = WarehouseOptions.Seconds(options.CommandTimeout);
        _bulkCopyTimeoutSeconds = WarehouseOptions.Seconds(options.BulkCopyTimeout);
        _lockTimeoutMs = WarehouseOptions.Milliseconds(options.LockTimeout);
        _sessionSettings = SqlServerStatements.SessionSettings(_lockTimeoutMs);

        // SqlClient's configurable retry logic (supported without an AppContext switch since SqlClient 4.0) on opening
        // only: a failover or a throttled login is retried here, while a failed statement fails its batch, which the
        // engine retries as a whole (WarehouseEngine), never a statement in the middle of a transaction.
        _openRetry = SqlConfigurableRetryFactory.CreateExponentialRetryProvider(new SqlRetryLogicOption
        {
            NumberOfTries = 5,
            DeltaTime = TimeSpan.FromSeconds(1),
            MaxTimeInterval = TimeSpan.FromSeconds(30),
            TransientErrors = SqlServerErrors.ConnectionTransient,
        });
        _logger = logger;
    }

    public int CommandTimeoutSeconds { get; }

    public bool IsTransient(Exception exception) => SqlServerErrors.IsTransient(exception);

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

    public DbUp.Builder.UpgradeEngineBuilder CreateUpgrader() =>
        DbUp.DeployChanges.To.SqlDatabase(_connectionString).WithPreprocessor(new MigrationLockTimeout(_lockTimeoutMs));

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

    /// <summary>The statements need compatibility level 130 or higher (OPENJSON); see <see cref="Migrations.CompatibilityLevel"/>.</summary>
    public async Task CheckServerAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlServerJournalStatements.Sql.CompatibilityLevel!.Text;
        command.CommandTimeout = CommandTimeoutSeconds;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken)
            && Migrations.CompatibilityLevel.Problem(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1)) is { } problem)
        {
            throw new WarehouseSchemaException(problem);
        }
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(_connectionString) { RetryLogicProvider = _openRetry };
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = _sessionSettings.Text;
            command.CommandTimeout = CommandTimeoutSeconds;
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
        StageSql stage,
        StageLayout<TRow> layout,
        StageTarget target,
        IAsyncEnumerable<TRow> rows,
        CancellationToken cancellationToken)
    {
        var sql = (SqlConnection)connection;

        // Without parameters the text goes as a plain batch, not through sp_executesql, so the #temp tables it creates
        // belong to the session (a #temp table created inside sp_executesql is dropped when that call returns).
        await ExecuteBatchAsync(sql, stage.Create, cancellationToken);

        // No TableLock: the table is this session's alone. SqlBulkCopy resolves '#' names in tempdb.
        using (var bulkCopy = new SqlBulkCopy(sql, SqlBulkCopyOptions.Default, (SqlTransaction?)transaction)
        {
            DestinationTableName = stage.Table,
            BatchSize = _batchSize,
            BulkCopyTimeout = _bulkCopyTimeoutSeconds,

            // Rows always stream from the reader; EnableStreaming would only switch (max) columns to GetTextReader
            // reads, which buys nothing for short notes and event lists.
            EnableStreaming = false,
            NotifyAfter = _batchSize,
        })
        {
            bulkCopy.SqlRowsCopied += (_, e) => _logger.LogDebug("Staged {Rows} rows into {Table}", e.RowsCopied, stage.Table);

            // Explicit mappings by name: the column order is the stage definition's business, not the reader's.
            bulkCopy.ColumnMappings.Add(StageDataReader<TRow>.BatchColumn, StageDataReader<TRow>.BatchColumn);
            foreach (var column in layout.Columns)
            {
                bulkCopy.ColumnMappings.Add(column.Name, column.Name);
            }

            await using var reader = new StageDataReader<TRow>(layout, target.LoadBatchId, rows, cancellationToken);
            await bulkCopy.WriteToServerAsync(reader, cancellationToken);
        }

    }

    /// <summary>1505 (CREATE UNIQUE INDEX found a repeated key), 2601 and 2627 (an insert met one).</summary>
    public bool IsDuplicateKey(Exception exception) =>
        SqlServerErrors.Is(exception, SqlServerErrors.DuplicateKeyOnIndexBuild, SqlServerErrors.DuplicateKeyRow, SqlServerErrors.UniqueConstraintViolation);

    private async Task ExecuteBatchAsync(SqlConnection connection, NamedSql sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql.Text;
        command.CommandTimeout = CommandTimeoutSeconds;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task InsertIntervalsAsync(DbConnection connection, DbTransaction? transaction, IntervalCalendar calendar, UtcWindow window, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            throw new InvalidOperationException("SQL Server inserts calendar rows before the publish transaction, in their own.");
        }

        var intervals = calendar.Json(window);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var own = await BeginTransactionAsync(connection, cancellationToken);
                await DbCommands.ExecuteAsync(this, connection, own, Sql.InsertInterval, [("@intervals", intervals)], cancellationToken);
                await own.CommitAsync(cancellationToken);
                return;
            }
            catch (SqlException ex) when (attempt < IntervalInsertAttempts
                && SqlServerErrors.Is(ex, SqlServerErrors.UniqueConstraintViolation, SqlServerErrors.DuplicateKeyRow))
            {
                _logger.LogDebug("Another publish inserted some of the calendar slots of {Window} meanwhile; inserting the rest", window);
            }
        }
    }
}
