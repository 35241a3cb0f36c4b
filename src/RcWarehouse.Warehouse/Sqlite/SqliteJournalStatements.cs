using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>The SQLite journal; migrators are serialised by a lock file next to the database (see SqliteDialect).</summary>
internal static class SqliteJournalStatements
{
    public static JournalSql Sql { get; } = new()
    {
        Exists = new("journal_exists", "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'SchemaVersions';"),
        EnsureTable = new("ensure_journal", """
            CREATE TABLE IF NOT EXISTS SchemaVersions (
                SchemaVersionsId INTEGER PRIMARY KEY AUTOINCREMENT,
                ScriptName       TEXT NOT NULL UNIQUE,
                Applied          TEXT NOT NULL,
                Checksum         TEXT NOT NULL
            );
            """),
        Select = new("select_journal", "SELECT ScriptName, Checksum FROM SchemaVersions ORDER BY ScriptName;"),
        Insert = new("insert_journal", "INSERT INTO SchemaVersions (ScriptName, Applied, Checksum) VALUES (@script_name, @applied, @checksum);"),
        Delete = new("delete_journal_entry", "DELETE FROM SchemaVersions WHERE ScriptName = @script_name;"),
    };
}
