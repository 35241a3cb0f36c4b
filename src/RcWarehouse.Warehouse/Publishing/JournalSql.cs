namespace RcWarehouse.Warehouse.Publishing;

/// <summary>
/// The statements of the migration journal (<c>SchemaVersions</c>: ScriptName, Applied, Checksum) and the migration
/// lock. <see cref="Exists"/> and <see cref="Select"/> are all that a command other than <c>migrate</c> runs: reading
/// the journal never needs a DDL right.
/// </summary>
internal sealed record JournalSql
{
    public required NamedSql Exists { get; init; }

    public required NamedSql EnsureTable { get; init; }

    public required NamedSql Select { get; init; }

    public required NamedSql Insert { get; init; }

    /// <summary>Removes a view's row before its new checksum is recorded (a view is journaled under one name).</summary>
    public required NamedSql Delete { get; init; }

    /// <summary>Takes the migration lock for the session (null where a lock file does: SQLite).</summary>
    public NamedSql? AcquireLock { get; init; }

    public NamedSql? ReleaseLock { get; init; }

    /// <summary>Reads the database's compatibility level where features depend on it (SQL Server: OPENJSON needs 130).</summary>
    public NamedSql? CompatibilityLevel { get; init; }

    public IEnumerable<NamedSql> All()
    {
        yield return Exists;
        yield return EnsureTable;
        yield return Select;
        yield return Insert;
        yield return Delete;
        if (AcquireLock is not null)
        {
            yield return AcquireLock;
        }

        if (ReleaseLock is not null)
        {
            yield return ReleaseLock;
        }

        if (CompatibilityLevel is not null)
        {
            yield return CompatibilityLevel;
        }
    }
}
