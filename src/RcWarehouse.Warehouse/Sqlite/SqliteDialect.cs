using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse.Migrations;
using RcWarehouse.Warehouse.Publishing;
using RcWarehouse.Warehouse.Staging;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// The embedded engine. A load is one write transaction (BEGIN IMMEDIATE) so a failure anywhere leaves the file as it
/// was, and WAL lets readers (BI, status) keep reading the previous state meanwhile. Inside it, agent extended and queue
/// statistics are written straight into their facts as rows are read, their grains kept in a TEMP keys table
/// (<see cref="SqliteFactWriter{TRow}"/>), and segments and agent statistics go to a TEMP stage that set-based
/// statements then publish (<see cref="SqliteStageWriter{TRow}"/>).
/// </summary>
internal sealed class SqliteDialect : IWarehouseDialect
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss.fff";

    // WAL: readers never block the writer. synchronous=NORMAL is durable across application crashes in WAL mode and
    // far cheaper than FULL. busy_timeout: a second writer (a backfill next to the intraday job) waits up to five
    // minutes for the first one's transaction instead of failing at once. cache_size: 32 MB of page cache (the
    // default is 2 MB) keeps a million-row publish's fact and stage pages in memory; it is a bound, not a reservation.
    private const string ConnectionPragmas =
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 300000; PRAGMA cache_size = -32768;";

    // 100 rows x the widest statement's 25 columns stays far below SQLite's 32,766 parameters per statement.
    private const int RowsPerInsert = 100;

    // Buffers of RowsPerInsert rows between reading and inserting: enough to ride out either side's hiccups.
    private const int PipelineBuffers = 32;

    private readonly string _connectionString;
    private readonly string _dataSource;
    private readonly int _progressEvery;
    private readonly ILogger _logger;

    public SqliteDialect(WarehouseOptions options, ILogger logger)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        _connectionString = builder.ToString();
        _dataSource = builder.DataSource;
        _progressEvery = Math.Max(1, options.BatchSize);
        options.Validate();
        CommandTimeoutSeconds = WarehouseOptions.Seconds(options.CommandTimeout);
        _logger = logger;
    }

    /// <summary>Microsoft.Data.Sqlite retries a busy database for up to this long (on top of PRAGMA busy_timeout).</summary>
    public int CommandTimeoutSeconds { get; }

    /// <summary>
    /// Nothing is: writers queue on BEGIN IMMEDIATE (busy_timeout) instead of deadlocking, and a database still busy
    /// after that wait is an operational problem a retry would only repeat.
    /// </summary>
    public bool IsTransient(Exception exception) => false;

    /// <summary>A UNIQUE index (building it, or inserting into it) or a primary key met a repeated key.</summary>
    public bool IsDuplicateKey(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT } sqlite
        && sqlite.SqliteExtendedErrorCode is SQLitePCL.raw.SQLITE_CONSTRAINT_UNIQUE or SQLitePCL.raw.SQLITE_CONSTRAINT_PRIMARYKEY;

    /// <summary>One slot at a time, inside the load's write transaction (which already excludes every other writer).</summary>
    public async Task InsertIntervalsAsync(DbConnection connection, DbTransaction? transaction, IntervalCalendar calendar, UtcWindow window, CancellationToken cancellationToken)
    {
        foreach (var slot in IntervalKey.SlotsIn(window))
        {
            await DbCommands.ExecuteAsync(this, connection, transaction, Sql.InsertInterval, calendar.Parameters(slot), cancellationToken);
        }
    }

    public WarehouseProvider Provider => WarehouseProvider.Sqlite;

    public WarehouseSql Sql => SqliteStatements.Catalog;

    public bool StagesInPublishTransaction => true;

    public void EnsureStorage()
    {
        if (!IsFile)
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(_dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    public bool StorageExists() => !IsFile || File.Exists(_dataSource);

    public string Describe() => IsFile ? Path.GetFullPath(_dataSource) : _dataSource;

    public DbUp.Builder.UpgradeEngineBuilder CreateUpgrader() => DbUp.DeployChanges.To.SqliteDatabase(_connectionString);

    /// <summary>
    /// An exclusive lock on <c>{database}.migrate.lock</c> (flock on Unix, a share lock on Windows), polled until
    /// <paramref name="timeout"/>. SQLite's own write lock cannot serve: DbUp commits each script separately, and the
    /// journal must be read under the same lock the scripts run under. The file is left in place: deleting it while
    /// another migrator waits to open it would let two of them hold "the" lock on different files.
    /// </summary>
    public async Task<IAsyncDisposable> AcquireMigrationLockAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!IsFile)
        {
            return NoMigrationLock.Instance;
        }

        var path = Path.GetFullPath(_dataSource) + ".migrate.lock";
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (System.Diagnostics.Stopwatch.GetElapsedTime(started) < timeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
            catch (IOException ex)
            {
                throw new WarehouseSchemaException($"Another migration holds {path} and did not finish within {timeout}.", ex);
            }
        }
    }

    public Task CheckServerAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private bool IsFile =>
        !string.IsNullOrEmpty(_dataSource)
        && !_dataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase)
        && !_dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = ConnectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // deferred: false is BEGIN IMMEDIATE: the write lock is taken now, so two loaders queue here (busy timeout)
        // instead of both reading and then failing to upgrade their locks.
        DbTransaction transaction = ((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false);
        return Task.FromResult(transaction);
    }

    /// <summary>
    /// BEGIN IMMEDIATE, and for an interval report, foreign-key enforcement off for the transaction. Its facts are
    /// written by <see cref="SqliteFactWriter{TRow}"/>, whose every key is one this transaction holds the write lock
    /// over and has just read or inserted itself (the source and batch rows, each slot's dim_interval row before the
    /// slot's first fact, member keys from the dimension or from the inferred row it inserts), so SQLite's five parent
    /// lookups per row would only repeat what the writer already knows, at a third of its cost. The integration tests
    /// run PRAGMA foreign_key_check after loading to hold the writer to it. The pragma is a no-op inside a
    /// transaction, hence before BEGIN; every connection this dialect opens sets enforcement back on.
    /// </summary>
    public async Task<DbTransaction> BeginLoadTransactionAsync(DbConnection connection, ReportKind report, CancellationToken cancellationToken)
    {
        if (SqliteStatements.FactPlanOf(report) is not null)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA foreign_keys = OFF;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return await BeginTransactionAsync(connection, cancellationToken);
    }

    public void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = ((SqliteCommand)command).CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = ToDb(value) ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public DateTime ReadUtc(DbDataReader reader, int ordinal) =>
        DateTime.SpecifyKind(DateTime.ParseExact(reader.GetString(ordinal), TimeFormat, CultureInfo.InvariantCulture), DateTimeKind.Utc);

    public async Task StageAsync<TRow>(
        DbConnection connection,
        DbTransaction? transaction,
        StageSql stage,
        StageLayout<TRow> layout,
        StageTarget target,
        IAsyncEnumerable<TRow> rows,
        CancellationToken cancellationToken)
    {
        var sqlite = (SqliteConnection)connection;
        var sqliteTransaction = (SqliteTransaction?)transaction;
        await using (var create = sqlite.CreateCommand())
        {
            create.Transaction = sqliteTransaction;
            create.CommandText = stage.Create.Text;
            create.ExecuteNonQuery();
        }

        using ISqliteRowSink<TRow> sink = SqliteStatements.FactPlanOf(layout.Table) is { } plan
            ? new SqliteFactWriter<TRow>(this, sqlite, sqliteTransaction, layout, plan, target, RowsPerInsert)
            : new SqliteStageWriter<TRow>(sqlite, sqliteTransaction, layout, target.LoadBatchId, RowsPerInsert);

        // Two stages on two cores: reading rows (parsing, checking, and the sink's own per-row work that needs no
        // connection: ISqliteRowSink.Prepare) into arrays of one multi-row statement each, and writing them. The
        // channel is bounded, so only a few arrays and the distinct members are ever held, never the batch. A failure on either side stops the other; a reading failure (a bad row at 900k) surfaces here
        // unchanged, after which the caller rolls back.
        var buffers = Channel.CreateBounded<SqliteRowBuffer<TRow>>(new BoundedChannelOptions(PipelineBuffers) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(() => ReadIntoBuffersAsync(sink, rows, buffers.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var buffer in buffers.Reader.ReadAllAsync(cancellationToken))
            {
                await sink.WriteAsync(buffer, cancellationToken);
            }
        }
        catch
        {
            await stop.CancelAsync();
            try
            {
                await reader;
            }
            catch (Exception readerFailure) when (readerFailure is OperationCanceledException)
            {
                // The reader stopped because the writing side failed; that failure is the one to report.
            }

            throw;
        }

        await reader;
        sink.Complete();
    }

    private async Task ReadIntoBuffersAsync<TRow>(ISqliteRowSink<TRow> sink, IAsyncEnumerable<TRow> rows, ChannelWriter<SqliteRowBuffer<TRow>> writer, CancellationToken cancellationToken)
    {
        try
        {
            var buffer = new TRow[RowsPerInsert];
            var buffered = 0;
            long staged = 0;
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                buffer[buffered] = row;
                if (++buffered == RowsPerInsert)
                {
                    await writer.WriteAsync(sink.Prepare(buffer), cancellationToken);
                    buffer = new TRow[RowsPerInsert];
                    buffered = 0;
                }

                if (++staged % _progressEvery == 0)
                {
                    _logger.LogDebug("Read {Rows} rows for {Table}", staged, sink.Target);
                }
            }

            if (buffered > 0)
            {
                await writer.WriteAsync(sink.Prepare(buffer[..buffered]), cancellationToken);
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }

    /// <summary>
    /// The warehouse's SQLite representation: times as sortable text, decimals as invariant text (NUMERIC affinity
    /// stores them as INTEGER when integral, REAL otherwise), flags as 0/1.
    /// </summary>
    internal static object? ToDb(object? value) => value switch
    {
        null => null,
        DateTime t => t.ToString(TimeFormat, CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        _ => value,
    };
}
