using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse.Sqlite.Publish;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// How the SQLite engine writes an interval report straight into its fact (see <see cref="SqliteFactWriter{TRow}"/>):
/// the report (<see cref="Report"/> is its staging layout's table name), the fact, the grain (interval_key, then one surrogate key per member dimension, in <see cref="Members"/> order; each
/// member takes its version valid at the row's slot start), the measures, and the temp table of the grains the batch carried.
/// Declared in the report's file under <c>Sqlite/Publish</c>, where <see cref="Statements"/> are written out.
/// </summary>
internal sealed record SqliteFactPlan(ReportKind Kind, string Report, string Fact, string KeysTable, IReadOnlyList<StageMembers> Members, IReadOnlyList<string> Measures)
{
    /// <summary>The fact's grain below source_key: interval_key and the member keys.</summary>
    public IReadOnlyList<string> Grain { get; } = [.. Members.Select(m => m.KeyColumn).Prepend("interval_key")];

    /// <summary>
    /// The temp table that holds the batch's window when it is a first load (its slots held no fact of the source, so the
    /// fact was written by plain INSERTs and the keys table stays empty); empty otherwise. See <see cref="SqliteFirstLoadStatements"/>.
    /// </summary>
    public string FirstLoadTable => KeysTable + "_first_load";

    /// <summary>The statements the writer sends for this report, its binding order being <see cref="Grain"/> then <see cref="Measures"/>.</summary>
    public required SqliteFactStatements Statements { get; init; }
}
