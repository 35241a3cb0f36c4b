using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.SqlServer;

/// <summary>
/// The SQL Server journal and the migration lock: an exclusive applock owned by a session of its own, held from before
/// the journal is created until every script has run, and released explicitly (a pooled connection that is merely
/// closed keeps its session locks until it is reused).
/// </summary>
internal static class SqlServerJournalStatements
{
    public static JournalSql Sql { get; } = new()
    {
        Exists = new("journal_exists", "SELECT CASE WHEN OBJECT_ID(N'dbo.SchemaVersions', N'U') IS NULL THEN 0 ELSE 1 END;"),
        EnsureTable = new("ensure_journal", """
            IF OBJECT_ID(N'dbo.SchemaVersions', N'U') IS NULL
            BEGIN
                CREATE TABLE dbo.SchemaVersions (
                    Id         int IDENTITY(1, 1) NOT NULL,
                    ScriptName nvarchar(255) NOT NULL,
                    Applied    datetime2(3) NOT NULL,
                    Checksum   char(64) NOT NULL,
                    CONSTRAINT PK_SchemaVersions PRIMARY KEY CLUSTERED (Id),
                    CONSTRAINT UQ_SchemaVersions_ScriptName UNIQUE (ScriptName)
                );
            END;
            """),
        Select = new("select_journal", "SELECT sv.ScriptName, sv.Checksum FROM dbo.SchemaVersions AS sv ORDER BY sv.ScriptName;"),
        Insert = new("insert_journal", "INSERT INTO dbo.SchemaVersions (ScriptName, Applied, Checksum) VALUES (@script_name, @applied, @checksum);"),
        Delete = new("delete_journal_entry", "DELETE FROM dbo.SchemaVersions WHERE ScriptName = @script_name;"),
        AcquireLock = new("acquire_migration_lock", """
            DECLARE @lock_result int;
            EXEC @lock_result = sys.sp_getapplock
                @Resource = N'rcwarehouse/migrate',
                @LockMode = N'Exclusive',
                @LockOwner = N'Session',
                @LockTimeout = @lock_timeout_ms;
            IF @lock_result < 0
                THROW 50002, N'Another migration holds the rcwarehouse/migrate lock; it was not released in time.', 1;
            """),
        CompatibilityLevel = new("compatibility_level", """
            SELECT d.compatibility_level, d.name
            FROM sys.databases AS d
            WHERE d.database_id = DB_ID();
            """),
        ReleaseLock = new("release_migration_lock", """
            EXEC sys.sp_releaseapplock @Resource = N'rcwarehouse/migrate', @LockOwner = N'Session';
            """),
    };
}
