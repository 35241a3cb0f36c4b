using System.Data.Common;
using Microsoft.Extensions.Logging;
using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.Migrations;

/// <summary>
/// DbUp's conventions without DbUp: numbered scripts run once each, in name order, each in its own transaction together
/// with its <c>SchemaVersions</c> row; view scripts run on every migrate. An applied script whose checksum changed
/// stops the migration before anything runs.
/// </summary>
internal sealed class Migrator
{
    private readonly IWarehouseDialect _dialect;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public Migrator(IWarehouseDialect dialect, TimeProvider time, ILogger logger)
    {
        _dialect = dialect;
        _time = time;
        _logger = logger;
    }

    public async Task<MigrationResult> MigrateAsync(IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken)
    {
        _dialect.EnsureStorage();
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        var sql = _dialect.Sql;
        if (sql.SelectCompatibilityLevel is { } compatibility)
        {
            await EnsureCompatibleAsync(connection, compatibility, cancellationToken);
        }

        await DbCommands.ExecuteAsync(_dialect, connection, null, sql.EnsureJournal, [], cancellationToken);

        var journal = await ReadJournalAsync(connection, null, cancellationToken);
        var numbered = scripts.Where(s => !s.IsView).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        EnsureUnchanged(numbered, journal);

        var applied = new List<string>();
        foreach (var script in numbered.Where(s => !journal.ContainsKey(s.Name)))
        {
            await using var transaction = await _dialect.BeginTransactionAsync(connection, cancellationToken);
            if (sql.AcquireMigrationLock is { } migrationLock)
            {
                await DbCommands.ExecuteAsync(_dialect, connection, transaction, migrationLock, [], cancellationToken);
            }

            // Another migrator may have applied it since the journal was read; the lock (or BEGIN IMMEDIATE) makes
            // this second look authoritative.
            if ((await ReadJournalAsync(connection, transaction, cancellationToken)).ContainsKey(script.Name))
            {
                await transaction.CommitAsync(cancellationToken);
                continue;
            }

            await RunAsync(connection, transaction, script, cancellationToken);
            await DbCommands.ExecuteAsync(
                _dialect,
                connection,
                transaction,
                sql.InsertJournal,
                [("@script_name", script.Name), ("@applied", _time.GetUtcNow().UtcDateTime), ("@checksum", script.Checksum)],
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            applied.Add(script.Name);
            _logger.LogInformation("Applied migration {Script}", script.Name);
        }

        var views = scripts.Where(s => s.IsView).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        if (views.Count > 0)
        {
            await using var transaction = await _dialect.BeginTransactionAsync(connection, cancellationToken);
            foreach (var view in views)
            {
                await RunAsync(connection, transaction, view, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            _logger.LogInformation("Re-applied {Count} view scripts", views.Count);
        }

        return new MigrationResult(applied, [.. views.Select(v => v.Name)]);
    }

    /// <summary>Throws naming the first applied script whose text no longer matches the journal.</summary>
    internal static void EnsureUnchanged(IEnumerable<MigrationScript> scripts, IReadOnlyDictionary<string, string> journal)
    {
        foreach (var script in scripts)
        {
            if (journal.TryGetValue(script.Name, out var recorded) && !string.Equals(recorded, script.Checksum, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"Migration script {script.Name} was changed after it was applied (journal checksum {recorded}, script now {script.Checksum}). " +
                    "Applied scripts must never be edited: restore it and put the change in a new numbered script.");
            }
        }
    }

    private async Task EnsureCompatibleAsync(DbConnection connection, NamedSql select, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(_dialect, connection, null, select);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken)
            && CompatibilityLevel.Problem(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1)) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }

    private async Task<Dictionary<string, string>> ReadJournalAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var journal = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = DbCommands.Create(_dialect, connection, transaction, _dialect.Sql.SelectJournal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            journal[reader.GetString(0)] = reader.GetString(1);
        }

        return journal;
    }

    private async Task RunAsync(DbConnection connection, DbTransaction transaction, MigrationScript script, CancellationToken cancellationToken)
    {
        foreach (var batch in _dialect.SplitScript(script.Text))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = batch;
            command.CommandTimeout = _dialect.CommandTimeoutSeconds;
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (DbException ex)
            {
                throw new InvalidOperationException($"Migration script {script.Name} failed: {ex.Message}", ex);
            }
        }
    }
}
