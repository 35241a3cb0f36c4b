using Microsoft.SqlServer.TransactSql.ScriptDom;
using RcWarehouse.Warehouse.SqlServer;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>
/// SqlServerDialect.AddParameter binds every string as nvarchar. Compared with a varchar or char column, such a
/// parameter wins by type precedence: SQL Server converts the column (CONVERT_IMPLICIT) on every row, which under a
/// SQL_* default collation turns a key seek into a residual filter and widens the range locks of UPDLOCK, HOLDLOCK.
/// The DacFx model resolves such a statement without complaint, so this test looks for the pattern itself.
/// </summary>
public sealed class SqlServerParameterComparisonTests
{
    [Fact]
    public void NoStatement_ComparesANonUnicodeColumnWithAParameter()
    {
        // Given the varchar/char columns of the schema, by their column name
        var nonUnicode = SqlServerSchema.NonUnicodeColumns.Select(c => c.Split('.')[^1]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Contains("status", nonUnicode);

        // When every statement the engine sends is searched for "column = @parameter" (either way round)
        var found = new List<string>();
        foreach (var statement in SqlServerStatements.All())
        {
            var (fragment, errors) = TSql.Parse(statement.Text);
            Assert.True(errors.Count == 0, $"{statement.Name}: {TSql.Describe(errors)}");
            var visitor = new ParameterComparisons();
            fragment.Accept(visitor);
            found.AddRange(visitor.Columns.Where(nonUnicode.Contains).Select(c => $"{statement.Name}: {c}"));
        }

        // Then none names a varchar/char column: such a column is nvarchar, like the parameters
        Assert.True(found.Count == 0, $"varchar/char columns compared with an nvarchar parameter: {string.Join(", ", found)}");
    }

    [Fact]
    public void TheSearch_FindsAComparisonWithAParameter()
    {
        // Given a statement that compares a column with a parameter both ways round, and one with a literal
        var (fragment, _) = TSql.Parse("SELECT 1 FROM etl.load_batch AS b WHERE b.status = @status AND @report = report AND b.sha256 = 'x';");
        var visitor = new ParameterComparisons();

        // When it is searched
        fragment.Accept(visitor);

        // Then both parameter comparisons are found, the literal one is not
        Assert.Equal(["status", "report"], visitor.Columns);
    }

    private sealed class ParameterComparisons : TSqlFragmentVisitor
    {
        public List<string> Columns { get; } = [];

        public override void Visit(BooleanComparisonExpression node)
        {
            if ((Column(node.FirstExpression, node.SecondExpression) ?? Column(node.SecondExpression, node.FirstExpression)) is { } column)
            {
                Columns.Add(column);
            }
        }

        private static string? Column(ScalarExpression column, ScalarExpression other) =>
            column is ColumnReferenceExpression { MultiPartIdentifier.Identifiers: { Count: > 0 } parts } && other is VariableReference
                ? parts[^1].Value
                : null;
    }
}
