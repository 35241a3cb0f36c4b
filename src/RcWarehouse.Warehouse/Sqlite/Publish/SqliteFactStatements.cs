namespace RcWarehouse.Warehouse.Sqlite.Publish;

/// <summary>
/// The statements <see cref="SqliteFactWriter{TRow}"/> sends while it writes one interval report's rows straight into
/// the fact, written out in the report's file (<see cref="SqliteAgentExtendedSql"/>, <see cref="SqliteQueueStatsSql"/>).
/// The multi-row ones take the rows per statement; their parameters are @source_key, @load_batch_id and @r{row}c{column}
/// over the grain then the measures (<see cref="SqliteFactPlan.Grain"/>, <see cref="SqliteFactPlan.Measures"/>), or over
/// the grain then the batch row for the keys table.
/// </summary>
/// <param name="FactUpsert">Inserts new grains, updates changed ones, leaves identical ones alone.</param>
/// <param name="FactInsert">A first load's plain INSERT (<see cref="SqliteFirstLoadStatements"/>).</param>
/// <param name="KeysInsert">Records the grains the batch carried, with the batch row each came from.</param>
/// <param name="SelectKeyRow">The batch row that first carried a grain (@ plus each grain column).</param>
/// <param name="HoldsFacts">Whether a covered slot already holds a fact of the source (@source_key, @from_key, @to_key).</param>
/// <param name="RecordFirstLoad">Marks the batch as a first load of its window (@source_key, @from_key, @to_key).</param>
/// <param name="LastRowid">The fact's largest rowid before the batch.</param>
/// <param name="SelectFactRowid">The rowid of one of the source's facts by its grain (@source_key and each grain column).</param>
internal sealed record SqliteFactStatements(
    Func<int, string> FactUpsert,
    Func<int, string> FactInsert,
    Func<int, string> KeysInsert,
    string SelectKeyRow,
    string HoldsFacts,
    string RecordFirstLoad,
    string LastRowid,
    string SelectFactRowid);
