using System.Data.Common;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Publishing;
using RcWarehouse.Warehouse.Staging;

namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>
/// A real engine's dialect with a hook before each publish transaction (the n-th one passed in, from 1): tests use it to
/// fail an attempt with a transient error, or to act from another session at exactly that point.
/// </summary>
internal sealed class FaultingDialect(IWarehouseDialect inner, Func<int, Task> beforeLoadTransaction) : IWarehouseDialect
{
    private int _loadTransactions;

    public WarehouseProvider Provider => inner.Provider;

    public WarehouseSql Sql => inner.Sql;

    public bool StagesInPublishTransaction => inner.StagesInPublishTransaction;

    public int CommandTimeoutSeconds => inner.CommandTimeoutSeconds;

    public bool IsTransient(Exception exception) => exception is SimulatedTransientException || inner.IsTransient(exception);

    public void EnsureStorage() => inner.EnsureStorage();

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);

    public Task<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        inner.BeginTransactionAsync(connection, cancellationToken);

    public async Task<DbTransaction> BeginLoadTransactionAsync(DbConnection connection, ReportKind report, CancellationToken cancellationToken)
    {
        await beforeLoadTransaction(Interlocked.Increment(ref _loadTransactions));
        return await inner.BeginLoadTransactionAsync(connection, report, cancellationToken);
    }

    public void AddParameter(DbCommand command, string name, object? value) => inner.AddParameter(command, name, value);

    public DateTime ReadUtc(DbDataReader reader, int ordinal) => inner.ReadUtc(reader, ordinal);

    public bool StorageExists() => inner.StorageExists();

    public string Describe() => inner.Describe();

    public DbUp.Builder.UpgradeEngineBuilder CreateUpgrader() => inner.CreateUpgrader();

    public Task<IAsyncDisposable> AcquireMigrationLockAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        inner.AcquireMigrationLockAsync(timeout, cancellationToken);

    public Task CheckServerAsync(CancellationToken cancellationToken) => inner.CheckServerAsync(cancellationToken);

    public Task InsertIntervalsAsync(DbConnection connection, DbTransaction? transaction, IntervalCalendar calendar, UtcWindow window, CancellationToken cancellationToken) =>
        inner.InsertIntervalsAsync(connection, transaction, calendar, window, cancellationToken);

    public Task StageAsync<TRow>(DbConnection connection, DbTransaction? transaction, StageSql stage, StageLayout<TRow> layout, StageTarget target, IAsyncEnumerable<TRow> rows, CancellationToken cancellationToken) =>
        inner.StageAsync(connection, transaction, stage, layout, target, rows, cancellationToken);

    public bool IsDuplicateKey(Exception exception) => inner.IsDuplicateKey(exception);
}
