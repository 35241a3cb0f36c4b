using System.Diagnostics;
using RcWarehouse.Warehouse.Publishing;
using RcWarehouse.Warehouse.SqlServer;
using RcWarehouse.Warehouse.Staging;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>
/// Builds the DacFx model once for <see cref="SqlServerModelTests"/>: the schema of sql/sqlserver, every statement the
/// SQL Server engine sends (procedures in schema <see cref="SentSchema"/>) and the planted typos (in
/// <see cref="PlantedSchema"/>), validated once. Procedures do not see each other, so the two sets cannot mask or
/// cause each other's problems.
/// </summary>
public sealed class SqlServerModelFixture : IDisposable
{
    public const string SentSchema = "rcw_sent";

    public const string PlantedSchema = "rcw_planted";

    private readonly SqlServerModelCheck _check;

    public SqlServerModelFixture()
    {
        var clock = Stopwatch.StartNew();
        Schema = SqlServerSchemaReplay.FromRepository();
        _check = new SqlServerModelCheck(Schema);
        Sent = [.. SentStatements()];
        _check.AddStatements(SentSchema, Sent);
        Planted = [.. PlantedTypos.From(Sent)];
        _check.AddStatements(PlantedSchema, Planted);
        ProcedureCount = _check.ProcedureCount;
        Modelled = _check.ModelledTablesAndViews;
        ColumnCollations = _check.ColumnCollations;
        BuildTime = clock.Elapsed;
        clock.Restart();
        Problems = _check.Validate();
        ValidateTime = clock.Elapsed;
    }

    internal SqlServerSchemaReplay Schema { get; }

    internal IReadOnlyList<string> Modelled { get; }

    internal IReadOnlyList<(string Column, string Collation)> ColumnCollations { get; }

    internal IReadOnlyList<NamedSql> Sent { get; }

    internal IReadOnlyList<NamedSql> Planted { get; }

    internal IReadOnlyList<ModelProblem> Problems { get; }

    internal int ProcedureCount { get; }

    internal TimeSpan BuildTime { get; }

    internal TimeSpan ValidateTime { get; }

    public void Dispose() => _check.Dispose();

    // The statement catalog, plus what SqlBulkCopy's by-name column mappings need of each staging table (the layouts
    // are listed as in GeneratedSqlSnapshotTests: no catalog enumerates them).
    private static IEnumerable<NamedSql> SentStatements() =>
        SqlServerStatements.All().Concat(
        [
            BulkCopy(AgentExtendedStaging.Layout),
            BulkCopy(QueueStatsStaging.Layout),
            BulkCopy(SegmentStaging.Layout),
            BulkCopy(AgentStatsStaging.Layout),
        ]);

    private static NamedSql BulkCopy<TRow>(StageLayout<TRow> layout)
    {
        var columns = new[] { StageDataReader<TRow>.BatchColumn }.Concat(layout.Columns.Select(c => c.Name));
        return new($"bulk_copy.{layout.Table}", $"SELECT TOP (0) {string.Join(", ", columns)} FROM {SqlServerStatements.StageDefinition(layout.Table)};");
    }
}
