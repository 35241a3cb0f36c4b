namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// One multi-row statement's rows on their way from the reading side to the writing side of the SQLite stager, with
/// what the sink prepared from them on the reading side (<see cref="ISqliteRowSink{TRow}.Prepare"/>): for a fact, each
/// row's slot, member ids and measures (<see cref="SqliteFactRows"/>); for a stage, nothing.
/// </summary>
internal readonly record struct SqliteRowBuffer<TRow>(TRow[] Rows, SqliteFactRows? Facts);
