using RcWarehouse.Warehouse.SqlServer;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>
/// No SQL Server runs here, so the T-SQL is checked against a DacFx model of the schema instead: every statement the
/// engine sends, wrapped as a procedure body, must name only tables and columns that sql/sqlserver creates.
/// </summary>
public sealed class SqlServerModelTests(SqlServerModelFixture model, ITestOutputHelper output) : IClassFixture<SqlServerModelFixture>
{
    /// <summary>References DacFx cannot resolve however right they are, each with the reason.</summary>
    private static readonly (string Reference, string Reason)[] CannotBeModelled =
    [
        // A system procedure of the resource database. The model holds this warehouse only: resolving sys objects
        // needs a reference to master.dacpac, which ships with SSDT, not in a restorable package. DacFx reports the
        // procedure and each named parameter (@Resource, @LockMode, ...) separately.
        ("[sys].[sp_getapplock]", "system procedure, not in the warehouse model"),
        ("[sys].[sp_releaseapplock]", "system procedure, not in the warehouse model (releases the session-owned migration lock)"),

        // A system catalog view (migrate reads the database's compatibility level from it), equally outside the model.
        ("[sys].[databases]", "system catalog view, not in the warehouse model"),
    ];

    [Fact]
    public void EveryStatementTheEngineSends_ResolvesAgainstTheSchema()
    {
        output.WriteLine($"model of {model.ProcedureCount} procedures built in {model.BuildTime.TotalSeconds:0.0} s, validated in {model.ValidateTime.TotalSeconds:0.0} s");

        // Given the schema of sql/sqlserver, every table and view of it really in the model
        Assert.Contains("dw.v_segment", model.Schema.ViewNames, StringComparer.OrdinalIgnoreCase);
        var missing = model.Schema.TableNames.Concat(model.Schema.ViewNames).Except(model.Modelled, StringComparer.OrdinalIgnoreCase).ToList();
        Assert.True(missing.Count == 0, $"DacFx left out of the model: {string.Join(", ", missing)}");

        // And every statement of the SQL Server catalog (and the four bulk copies), each a procedure in the model
        Assert.Equal(SqlServerStatements.All().Count() + 4, model.Sent.Count);
        Assert.Equal(model.Sent.Count + model.Planted.Count, model.ProcedureCount);

        // Then validation finds nothing wrong with them or with the schema, beyond what cannot be modelled
        var problems = model.Problems.Where(p => !model.Planted.Any(s => s.Name == p.Statement)).ToList();
        foreach (var problem in problems)
        {
            output.WriteLine(problem.ToString());
        }

        var failing = problems.Where(IsFailure).Where(p => !IsAllowed(p)).ToList();
        Assert.True(failing.Count == 0, $"{failing.Count} unresolved references or model errors:\n{string.Join("\n", failing)}");

        // And every allow-list entry is still needed, so the list cannot outlive its reason
        var unused = CannotBeModelled.Where(a => !problems.Any(p => Matches(p, a.Reference))).Select(a => a.Reference).ToList();
        Assert.True(unused.Count == 0, $"allow-list entries no statement needs any more: {string.Join(", ", unused)}");
    }

    [Fact]
    public void EveryIdColumn_IsBinaryCollated_SoStatementsCanCompareThemAcrossTables()
    {
        // Given every column of the warehouse's tables (dw, stage, etl; after every migration) that holds a RingCX id
        string[] ids = ["sub_account_id", "agent_id", "rc_user_id", "supervisor_agent_id", "queue_id", "interaction_id", "segment_id"];
        var idColumns = model.ColumnCollations
            .Where(c => ids.Contains(c.Column.Split('.')[^1], StringComparer.OrdinalIgnoreCase))
            .Where(c => c.Column.Split('.')[0] is "dw" or "stage" or "etl")
            .ToList();
        Assert.Contains(idColumns, c => c.Column.Equals("dw.fact_recording.interaction_id", StringComparison.OrdinalIgnoreCase));

        // Then each has 0006's binary collation: comparing two columns of different collations fails the statement
        // (error 468), and a column without one takes the database's default
        var other = idColumns.Where(c => c.Collation != "Latin1_General_100_BIN2").Select(c => $"{c.Column} ({(c.Collation.Length == 0 ? "database default" : c.Collation)})").ToList();
        Assert.True(other.Count == 0, $"id columns without Latin1_General_100_BIN2: {string.Join(", ", other)}");
    }

    [Fact]
    public void PlantedTypos_AreReported_WithTheirStatementAndTheMisspeltName()
    {
        // Given copies of real statements with one misspelt column or table, and a temp table read with a misspelt column
        var reported = model.Problems.Where(IsFailure).ToList();
        foreach (var problem in reported.Where(p => model.Planted.Any(s => s.Name == p.Statement)))
        {
            output.WriteLine(problem.ToString());
        }

        // Then each misspelling is reported against its statement, naming what does not exist
        Assert.Contains(reported, p => p.Statement == PlantedTypos.MisspeltColumn && p.Reference == "[dw].[dim_agent].[agent_grup_name]");
        Assert.Contains(reported, p => p.Statement == PlantedTypos.MisspeltTable && p.Reference == "[etl].[load_batches]");
        Assert.Contains(reported, p => p.Statement == PlantedTypos.TempTableMisspeltColumn && p.Reference == "[rcw_session].[stage_probe].[agent_idd]");

        // And the originals and the correct reads of the temp table are clean, so the typos alone made the difference
        string[] clean = [PlantedTypos.ColumnOriginal, PlantedTypos.TableOriginal, PlantedTypos.TempTableCreated, PlantedTypos.TempTableRead];
        Assert.DoesNotContain(reported, p => clean.Contains(p.Statement));
    }

    // Errors, and the unresolved references that DacFx reports as warnings (SQL71502: a table or procedure that
    // does not exist; SQL71501 is its error twin for a missing column of a table that does).
    private static bool IsFailure(ModelProblem problem) =>
        problem.Code.StartsWith("Error", StringComparison.Ordinal) || problem.Code.EndsWith("SQL71502", StringComparison.Ordinal);

    private static bool IsAllowed(ModelProblem problem) => CannotBeModelled.Any(a => Matches(problem, a.Reference));

    private static bool Matches(ModelProblem problem, string reference) =>
        problem.Reference == reference || problem.Reference.StartsWith(reference + ".", StringComparison.Ordinal);
}
