namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// A temp table of the distinct (id, attribute) pairs of one dimension a batch names (agents by id with their name,
/// say); the SQLite stager fills it while staging so inferring and renaming members reads a few hundred rows, not the
/// whole stage. <see cref="VersionsTable"/> then holds those members' dimension versions for the key lookup.
/// Declared, with its statements, in the report's file under <c>Sqlite/Publish</c>.
/// </summary>
internal sealed record StageMembers(string Table, string IdColumn, string AttributeColumn, string Dimension, string KeyColumn)
{
    public string VersionsTable => Table + "_versions";

    /// <summary>Adds one pair to <see cref="Table"/>; parameters @id and @attribute.</summary>
    public required string Insert { get; init; }
}
