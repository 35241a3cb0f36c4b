using System.Data;
using System.Data.Common;
using DbUp.Engine;
using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.Migrations;

/// <summary>
/// DbUp's journal, kept in the <c>SchemaVersions</c> table earlier releases wrote (ScriptName, Applied, Checksum), so a
/// warehouse they migrated upgrades in place. It records each script's checksum in the script's own transaction, and
/// a view under its name with its latest checksum. DbUp reads it under the migration lock, after the journal was read
/// and the plan checked (see <see cref="Migrator"/>), so <see cref="GetExecutedScripts"/> answers from that reading.
/// </summary>
internal sealed class ChecksumJournal : IJournal
{
    private readonly IWarehouseDialect _dialect;
    private readonly IReadOnlyDictionary<string, string> _journal;
    private readonly Dictionary<string, MigrationScript> _scripts;
    private readonly TimeProvider _time;

    public ChecksumJournal(IWarehouseDialect dialect, IReadOnlyDictionary<string, string> journal, IEnumerable<MigrationScript> scripts, TimeProvider time)
    {
        _dialect = dialect;
        _journal = journal;
        _scripts = scripts.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _time = time;
    }

    /// <summary>
    /// The scripts DbUp must not run again: every journaled one, except views whose text changed (a view is re-applied
    /// when its definition does, and only then: an ALTER VIEW takes a schema-modification lock that waits for readers).
    /// </summary>
    public string[] GetExecutedScripts() =>
    [
        .. _journal
            .Where(entry => !_scripts.TryGetValue(entry.Key, out var script)
                || !script.IsView
                || string.Equals(entry.Value.Trim(), script.Checksum, StringComparison.OrdinalIgnoreCase))
            .Select(entry => entry.Key),
    ];

    public void StoreExecutedScript(SqlScript script, Func<IDbCommand> dbCommandFactory)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(dbCommandFactory);
        var migration = _scripts[script.Name];
        var journal = _dialect.Sql.Journal;
        if (migration.IsView)
        {
            Execute(dbCommandFactory, journal.Delete, ("@script_name", migration.Name));
        }

        Execute(
            dbCommandFactory,
            journal.Insert,
            ("@script_name", migration.Name),
            ("@applied", _time.GetUtcNow().UtcDateTime),
            ("@checksum", migration.Checksum));
    }

    public void EnsureTableExistsAndIsLatestVersion(Func<IDbCommand> dbCommandFactory)
    {
        ArgumentNullException.ThrowIfNull(dbCommandFactory);
        Execute(dbCommandFactory, _dialect.Sql.Journal.EnsureTable);
    }

    private void Execute(Func<IDbCommand> dbCommandFactory, NamedSql sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = (DbCommand)dbCommandFactory();
        command.CommandText = sql.Text;
        foreach (var (name, value) in parameters)
        {
            _dialect.AddParameter(command, name, value);
        }

        command.ExecuteNonQuery();
    }
}
