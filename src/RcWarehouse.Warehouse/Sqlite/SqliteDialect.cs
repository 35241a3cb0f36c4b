using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using RcWarehouse.Warehouse.Publishing;
using RcWarehouse.Warehouse.Staging;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// The embedded engine. A load is one write transaction (BEGIN IMMEDIATE) that stages with a prepared INSERT reused
/// for every row and then publishes, so a failure anywhere leaves the file as it was; WAL lets readers (BI, status)
/// keep reading the previous state meanwhile.
/// </summary>
internal sealed class SqliteDialect : IWarehouseDialect
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss.fff";

    // WAL: readers never block the writer. synchronous=NORMAL is durable across application crashes in WAL mode and
    // far cheaper than FULL. busy_timeout: a second writer (a backfill next to the intraday job) waits up to five
    // minutes for the first one's transaction instead of failing at once.
    private const string ConnectionPragmas =
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 300000;";

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
        _logger = logger;
    }

    public WarehouseProvider Provider => WarehouseProvider.Sqlite;

    public WarehouseSql Sql => SqliteStatements.Catalog;

    public bool StagesInPublishTransaction => true;

    public void EnsureStorage()
    {
        if (string.IsNullOrEmpty(_dataSource) || _dataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase)
            || _dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(_dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

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

    public void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = ((SqliteCommand)command).CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = ToDb(value) ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public DateTime ReadUtc(DbDataReader reader, int ordinal) =>
        DateTime.SpecifyKind(DateTime.ParseExact(reader.GetString(ordinal), TimeFormat, CultureInfo.InvariantCulture), DateTimeKind.Utc);

    public IReadOnlyList<string> SplitScript(string script) => [script];

    public async Task StageAsync<TRow>(
        DbConnection connection,
        DbTransaction? transaction,
        StageLayout<TRow> layout,
        long loadBatchId,
        IAsyncEnumerable<TRow> rows,
        CancellationToken cancellationToken)
    {
        await using var command = ((SqliteConnection)connection).CreateCommand();
        command.Transaction = (SqliteTransaction?)transaction;
        command.CommandText = SqliteStatements.StageInsert(layout);
        command.Parameters.Add("@load_batch_id", SqliteType.Integer).Value = loadBatchId;
        var parameters = layout.Columns.Select(c => command.Parameters.Add("@" + c.Name, TypeOf(c.Type))).ToArray();
        command.Prepare();

        long staged = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = ToDb(layout.Columns[i].Get(row)) ?? DBNull.Value;
            }

            // Microsoft.Data.Sqlite executes synchronously either way; the async overload would only add a Task per row.
            command.ExecuteNonQuery();
            if (++staged % _progressEvery == 0)
            {
                _logger.LogDebug("Staged {Rows} rows into {Table}", staged, SqliteStatements.StageTable(layout.Table));
            }
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

    private static SqliteType TypeOf(StageType type) => type switch
    {
        StageType.Int32 or StageType.Int64 or StageType.Boolean => SqliteType.Integer,
        _ => SqliteType.Text,
    };
}
