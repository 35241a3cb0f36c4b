namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// The statements of an interval report's first load on SQLite: a batch whose window is known before its rows are read
/// and whose covered slots hold no fact of the source yet (the common case: each intraday window and each backfill day
/// is loaded once). Such a batch cannot leave anything stale and cannot meet an identical fact, so
/// <see cref="SqliteFactWriter{TRow}"/> writes it with plain multi-row INSERTs, without recording its grains in the keys
/// table: the fact's primary key refuses a repeated grain. Parameters: @source_key, @from_key, @to_key (the window's
/// interval keys, end exclusive), @load_batch_id, and @r{row}c{column} over the grain and measures.
/// </summary>
internal static class SqliteFirstLoadStatements
{
    /// <summary>Whether any covered slot already holds a fact of the source (one seek in the primary key).</summary>
    public static string HoldsFacts(SqliteFactPlan plan) => plan.Statements.HoldsFacts;

    /// <summary>
    /// 1 when the fact is a rowid table (every fact is today): naming a repeat's first row needs the rowid, so a
    /// WITHOUT ROWID fact always takes the keys route. Parameter: @fact.
    /// </summary>
    public const string HasRowid = "SELECT COUNT(*) FROM pragma_table_list WHERE schema = 'main' AND name = @fact AND wr = 0;";

    /// <summary>Marks the batch as a first load of its window, for count_stage and delete_stale_facts.</summary>
    public static string RecordFirstLoad(SqliteFactPlan plan) => plan.Statements.RecordFirstLoad;

    /// <summary>
    /// The fact's largest rowid before the batch. Rows are inserted in batch order and SQLite gives each new row the
    /// largest rowid plus one, so the batch's row n lands at this plus n: how a repeated grain's first row is named.
    /// </summary>
    public static string LastRowid(SqliteFactPlan plan) => plan.Statements.LastRowid;

    /// <summary>The rowid of one of the source's facts by its grain (to name the first row of a repeat).</summary>
    public static string SelectFactRowid(SqliteFactPlan plan) => plan.Statements.SelectFactRowid;

    /// <summary>The plain multi-row INSERT of <paramref name="rows"/> resolved fact rows, each taking the batch's id.</summary>
    public static string FactInsert(SqliteFactPlan plan, int rows) => plan.Statements.FactInsert(rows);
}
