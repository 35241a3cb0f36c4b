using DbUp.Engine;
using Microsoft.Extensions.Logging;
using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.Migrations;

/// <summary>
/// Migrations through DbUp, with what the warehouse needs on top of its defaults: the migration lock held from before
/// the journal is created until the last script ran (two migrators never race), an applied script that was edited
/// refused by name, a journal this release does not know refused (an older binary never re-applies older views), and
/// views journaled with their checksum so they are re-applied only when their text changes. Each script runs in its
/// own transaction together with its journal row (DbUp's transaction per script).
/// </summary>
internal sealed class Migrator
{
    private readonly IWarehouseDialect _dialect;
    private readonly WarehouseOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public Migrator(IWarehouseDialect dialect, WarehouseOptions options, TimeProvider time, ILogger logger)
    {
        _dialect = dialect;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task<MigrationResult> MigrateAsync(IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken)
    {
        _dialect.EnsureStorage();
        await using var migrationLock = await _dialect.AcquireMigrationLockAsync(_options.MigrationLockTimeout, cancellationToken);
        await _dialect.CheckServerAsync(cancellationToken);

        await using (var connection = await _dialect.OpenAsync(cancellationToken))
        {
            await DbCommands.ExecuteAsync(_dialect, connection, null, _dialect.Sql.Journal.EnsureTable, [], cancellationToken);
        }

        var journal = await ReadJournalAsync(_dialect, cancellationToken) ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var plan = MigrationPlan.Create(scripts, journal);
        plan.ThrowIfRefused(journal);
        if (plan.Pending.Count == 0)
        {
            _logger.LogInformation("Schema is up to date ({Count} scripts journaled)", journal.Count);
            return new MigrationResult([], []);
        }

        var upgrader = _dialect.CreateUpgrader()
            .WithScripts(scripts.Select(ToDbUp))
            .JournalTo(new ChecksumJournal(_dialect, journal, scripts, _time))
            .WithFilter(new PlannedScriptFilter(plan))
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .WithExecutionTimeout(_options.MigrationTimeout)
            .LogTo(new DbUpLog(_logger))
            .Build();

        // DbUp is synchronous; cancelling stops between scripts at the latest, and each script is its own transaction.
        cancellationToken.ThrowIfCancellationRequested();
        var result = await Task.Run(upgrader.PerformUpgrade, CancellationToken.None);
        var applied = result.Scripts.Select(s => s.Name).ToList();
        if (!result.Successful)
        {
            var failed = result.ErrorScript?.Name ?? plan.Pending.FirstOrDefault(s => !applied.Contains(s.Name))?.Name ?? "(unknown)";
            throw new InvalidOperationException($"Migration script {failed} failed: {result.Error?.Message}", result.Error);
        }

        foreach (var name in applied)
        {
            _logger.LogInformation("Applied {Script}", name);
        }

        return new MigrationResult(
            [.. applied.Where(name => !name.StartsWith(MigrationScript.ViewFolder, StringComparison.Ordinal))],
            [.. applied.Where(name => name.StartsWith(MigrationScript.ViewFolder, StringComparison.Ordinal))]);
    }

    /// <summary>
    /// Checks, without DDL, that the warehouse is exactly at this release's schema. Every command but <c>migrate</c> and
    /// <c>demo</c> runs it first, so nothing else ever creates or alters a table and the loader's login needs no DDL right.
    /// </summary>
    public static async Task EnsureCurrentAsync(IWarehouseDialect dialect, IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken)
    {
        if (!dialect.StorageExists())
        {
            throw new WarehouseSchemaException($"There is no warehouse at {dialect.Describe()}: run `rcwarehouse migrate` first (with the same --provider and --connection).");
        }

        var journal = await ReadJournalAsync(dialect, cancellationToken)
            ?? throw new WarehouseSchemaException($"The warehouse at {dialect.Describe()} has no schema yet: run `rcwarehouse migrate` first.");
        var plan = MigrationPlan.Create(scripts, journal);
        plan.ThrowIfRefused(journal);
        if (plan.Pending.Count > 0)
        {
            throw new WarehouseSchemaException(
                $"The warehouse schema is behind this rcwarehouse ({MigrationPlan.Describe([.. plan.Pending.Select(s => s.Name)])} not applied): run `rcwarehouse migrate`.");
        }
    }

    /// <summary>The journal (script name to checksum), or null when there is none yet.</summary>
    private static async Task<Dictionary<string, string>?> ReadJournalAsync(IWarehouseDialect dialect, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var journalSql = dialect.Sql.Journal;
        await using (var exists = DbCommands.Create(dialect, connection, null, journalSql.Exists))
        {
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return null;
            }
        }

        var journal = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = DbCommands.Create(dialect, connection, null, journalSql.Select);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            journal[reader.GetString(0)] = reader.GetString(1);
        }

        return journal;
    }

    // Numbered scripts run first (group 1), then views (group 2), each group in name order.
    private static SqlScript ToDbUp(MigrationScript script) =>
        new(script.Name, script.Text, new SqlScriptOptions { ScriptType = DbUp.Support.ScriptType.RunOnce, RunGroupOrder = script.IsView ? 2 : 1 });
}
