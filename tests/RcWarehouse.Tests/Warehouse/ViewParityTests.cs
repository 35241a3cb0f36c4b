using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.SegmentFields;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>A BI report must not care which engine it reads: every view has the same columns, in the same order, on both.</summary>
public sealed class ViewParityTests
{
    public static TheoryData<string> Views() =>
    [
        .. Directory.EnumerateFiles(Path.Combine(RepoPaths.SqlFolder("sqlserver"), "views"), "*.sql").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(Views))]
    public void View_HasTheSameColumnsOnBothEngines(string view)
    {
        // Given the SQLite view created on an in-memory database migrated from the scripts, and the SQL Server view's select list
        var sqlite = SqliteColumns(view);
        var sqlServer = SqlServerColumns(view);

        // Then both list the same names in the same order
        Assert.NotEmpty(sqlServer);
        Assert.Equal(sqlServer, sqlite);
    }

    [Fact]
    public void GeneratedLabeledView_HasTheKeysAndOneColumnPerLabel_OnBothEngines()
    {
        // Given v_segment_labeled as migrate generates it from labels (a keyword among them, a quote in a field name)
        var labels = SegmentLabelSamples.Labels;
        var sqlite = SqliteColumns("v_segment_labeled", SegmentLabelView.Script(WarehouseProvider.Sqlite, labels).Text);
        var sqlServer = SqlServerColumnsOf(SegmentLabelView.Script(WarehouseProvider.SqlServer, labels).Text);

        // Then both list the keys, then the labels in name order, and nothing else
        Assert.Equal(["source_key", "interaction_id", "segment_id", "caller", "customer_s_note", "Order"], sqlServer);
        Assert.Equal(sqlServer, sqlite);
    }

    [Fact]
    public void GeneratedLabeledView_WithoutLabels_HasTheKeysOnly()
    {
        var none = new Dictionary<string, string>();

        Assert.Equal(["source_key", "interaction_id", "segment_id"], SqliteColumns("v_segment_labeled", SegmentLabelView.Script(WarehouseProvider.Sqlite, none).Text));
        Assert.Equal(["source_key", "interaction_id", "segment_id"], SqlServerColumnsOf(SegmentLabelView.Script(WarehouseProvider.SqlServer, none).Text));
    }

    private static List<string> SqliteColumns(string view, string? generated = null)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var folder = RepoPaths.SqlFolder("sqlite");
        var scripts = Directory.EnumerateFiles(folder, "*.sql").Order(StringComparer.Ordinal)
            .Concat(Directory.EnumerateFiles(Path.Combine(folder, "views"), "*.sql").Order(StringComparer.Ordinal));
        foreach (var script in scripts)
        {
            using var command = connection.CreateCommand();
            command.CommandText = File.ReadAllText(script);
            command.ExecuteNonQuery();
        }

        if (generated is not null)
        {
            using var command = connection.CreateCommand();
            command.CommandText = generated;
            command.ExecuteNonQuery();
        }

        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT name FROM pragma_table_info($view) ORDER BY cid";
        columns.Parameters.AddWithValue("$view", view);
        using var reader = columns.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static List<string> SqlServerColumns(string view) =>
        SqlServerColumnsOf(File.ReadAllText(Path.Combine(RepoPaths.SqlFolder("sqlserver"), "views", view + ".sql")));

    private static List<string> SqlServerColumnsOf(string script)
    {
        var (fragment, errors) = TSql.Parse(script);
        Assert.Empty(errors);
        var visitor = new ViewVisitor();
        fragment.Accept(visitor);
        var select = Assert.IsType<QuerySpecification>(visitor.Definition!.SelectStatement.QueryExpression);
        return
        [
            .. select.SelectElements.Cast<SelectScalarExpression>().Select(e =>
                e.ColumnName?.Value ?? ((ColumnReferenceExpression)e.Expression).MultiPartIdentifier.Identifiers[^1].Value),
        ];
    }

    private sealed class ViewVisitor : TSqlFragmentVisitor
    {
        public CreateOrAlterViewStatement? Definition { get; private set; }

        public override void Visit(CreateOrAlterViewStatement node) => Definition = node;
    }
}
