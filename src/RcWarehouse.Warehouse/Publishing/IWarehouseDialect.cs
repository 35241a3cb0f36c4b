using System.Data.Common;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse.Staging;

namespace RcWarehouse.Warehouse.Publishing;

/// <summary>
/// What differs between engines: connections, parameter types, how rows reach staging, and the SQL text.
/// Everything else of the protocol (<see cref="WarehouseEngine"/>, <see cref="Migrations.Migrator"/>) is shared.
/// </summary>
internal interface IWarehouseDialect
{
    WarehouseProvider Provider { get; }

    WarehouseSql Sql { get; }

    /// <summary>
    /// Where the private stage is filled: inside the publish transaction (SQLite: one write transaction for everything,
    /// which also writes the interval facts as it stages) or before it (SQL Server: the bulk copy and the index build run
    /// outside any transaction, into tables only this session sees, and the publish transaction starts after them).
    /// </summary>
    bool StagesInPublishTransaction { get; }

    /// <summary>The CommandTimeout of every command (Warehouse:CommandTimeout); never 0, which would mean no limit.</summary>
    int CommandTimeoutSeconds { get; }

    /// <summary>True for a failure that loading the same rows again, as a new batch, can get past (deadlock, lock timeout, throttling).</summary>
    bool IsTransient(Exception exception);

    /// <summary>Creates whatever must exist before a connection can open (the SQLite file's folder).</summary>
    void EnsureStorage();

    /// <summary>False when opening a connection would create the warehouse (a SQLite file that does not exist).</summary>
    bool StorageExists();

    /// <summary>Where the warehouse is, for messages: a file path, or server and database (never credentials).</summary>
    string Describe();

    /// <summary>DbUp's builder for this engine's database (connection, executor, GO splitting).</summary>
    DbUp.Builder.UpgradeEngineBuilder CreateUpgrader();

    /// <summary>
    /// Takes the lock that serialises migrators, before the journal is created or read, for the whole migration;
    /// waits at most <paramref name="timeout"/>. Disposing releases it.
    /// </summary>
    Task<IAsyncDisposable> AcquireMigrationLockAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Refuses a server the schema cannot work on (SQL Server below compatibility level 130), saying how to fix it.</summary>
    Task CheckServerAsync(CancellationToken cancellationToken);

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    Task<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Begins the transaction one batch of <paramref name="report"/> is published in (and staged in, when
    /// <see cref="StagesInPublishTransaction"/>). See SqliteDialect for the one way it differs from an ordinary one.
    /// </summary>
    Task<DbTransaction> BeginLoadTransactionAsync(DbConnection connection, ReportKind report, CancellationToken cancellationToken);

    /// <summary>Adds a parameter, converting DateTime, DateOnly, TimeOnly and bool to the engine's representation.</summary>
    void AddParameter(DbCommand command, string name, object? value);

    DateTime ReadUtc(DbDataReader reader, int ordinal);

    /// <summary>
    /// Makes sure dim_interval has a row for every slot of <paramref name="window"/>. Called after staging and, when
    /// <see cref="StagesInPublishTransaction"/> is false, before the publish transaction begins (<paramref name="transaction"/>
    /// is then null): SQL Server inserts the rows set-based in a short transaction of their own, so that no publish holds
    /// key locks on the shared calendar. SQLite inserts them inside its one write transaction.
    /// </summary>
    Task InsertIntervalsAsync(DbConnection connection, DbTransaction? transaction, IntervalCalendar calendar, UtcWindow window, CancellationToken cancellationToken);

    /// <summary>
    /// Step 2 of the publish protocol, the engine's part: creates the batch's private stage (<see cref="StageSql.Create"/>)
    /// and moves the rows into it: SQL Server by SqlBulkCopy into <c>#temp</c> tables before any transaction; SQLite by
    /// prepared multi-row INSERTs inside the load transaction, into a TEMP stage (segments, agent statistics) or, for
    /// agent extended and queue statistics, straight into the fact with the grains in a TEMP keys table
    /// (see SqliteFactWriter). The unique grain index (<see cref="StageSql.Index"/>) is the protocol's, built after this.
    /// </summary>
    Task StageAsync<TRow>(
        DbConnection connection,
        DbTransaction? transaction,
        StageSql stage,
        StageLayout<TRow> layout,
        StageTarget target,
        IAsyncEnumerable<TRow> rows,
        CancellationToken cancellationToken);

    /// <summary>True when the statement failed on a repeated key of a unique index (building one, or inserting into one).</summary>
    bool IsDuplicateKey(Exception exception);
}
