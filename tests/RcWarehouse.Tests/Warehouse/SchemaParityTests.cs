using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using RcWarehouse.Warehouse.SqlServer;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>
/// Both engines hold the same logical tables with the same columns in the same order, and every table and column the
/// SQL Server statements name exists in the SQL Server schema (which cannot be run here).
/// </summary>
public sealed class SchemaParityTests
{
    [Fact]
    public void SqliteAndSqlServer_HaveTheSameTablesAndColumns()
    {
        // Given the SQLite schema, built in memory from its script, and the SQL Server schema, read by the parser
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            foreach (var script in Directory.EnumerateFiles(RepoPaths.SqlFolder("sqlite"), "*.sql").Order(StringComparer.Ordinal))
            {
                command.CommandText = File.ReadAllText(script);
                command.ExecuteNonQuery();
            }
        }

        var sqlite = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in SqlServerSchema.Tables.Keys)
        {
            var bare = table.StartsWith("stage.", StringComparison.OrdinalIgnoreCase) ? "stage_" + table["stage.".Length..] : table[(table.IndexOf('.', StringComparison.Ordinal) + 1)..];
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM pragma_table_info($table) ORDER BY cid";
            command.Parameters.AddWithValue("$table", bare);
            using var reader = command.ExecuteReader();
            var columns = new List<string>();
            while (reader.Read())
            {
                columns.Add(reader.GetString(0));
            }

            sqlite[table] = [.. columns];
        }

        // Then every SQL Server table has a SQLite twin with identical columns
        Assert.NotEmpty(SqlServerSchema.Tables);
        foreach (var (table, columns) in SqlServerSchema.Tables)
        {
            Assert.True(sqlite[table].SequenceEqual(columns), $"{table}: SQL Server ({string.Join(", ", columns)}) vs SQLite ({string.Join(", ", sqlite[table])})");
        }

        // And SQLite has no table SQL Server lacks
        using var all = connection.CreateCommand();
        all.CommandText = "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        Assert.Equal(SqlServerSchema.Tables.Count, Convert.ToInt32(all.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public static TheoryData<string> StatementNames() => [.. SqlServerStatements.All().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(StatementNames))]
    public void SqlServerStatement_NamesOnlyExistingTablesAndColumns(string name)
    {
        var statement = SqlServerStatements.All().Single(s => s.Name == name);
        var visitor = new NameVisitor();
        TSql.Parse(statement.Text).Fragment.Accept(visitor);

        // Tables: schema-qualified names must be created by the migration (dbo.SchemaVersions by the journal itself).
        var known = SqlServerSchema.Tables.Keys.Append("dbo.SchemaVersions").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknownTables = visitor.Tables.Where(t => t.Contains('.', StringComparison.Ordinal) && !t.StartsWith("sys.", StringComparison.OrdinalIgnoreCase) && !known.Contains(t)).ToList();
        Assert.True(unknownTables.Count == 0, $"{name} names tables the schema lacks: {string.Join(", ", unknownTables)}");

        // Columns: each must exist in some table, or be a name the statement defines itself (aliases, OPENJSON columns).
        var columns = SqlServerSchema.Tables.Values.SelectMany(c => c)
            .Concat(["Id", "ScriptName", "Applied", "Checksum"])
            .Concat(["compatibility_level", "name", "database_id"]) // sys.databases, read by the migrator's level check
            .Concat(visitor.Defined)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknownColumns = visitor.Columns.Where(c => !columns.Contains(c)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Assert.True(unknownColumns.Count == 0, $"{name} names columns no table has: {string.Join(", ", unknownColumns)}");
    }

    [Fact]
    public void NameCheck_SeesTablesColumnsAndAliases()
    {
        // Guards the check above against passing because it sees nothing.
        var visitor = new NameVisitor();
        TSql.Parse("SELECT s.nope AS alias_here, s.source_key FROM dw.dim_source AS s INNER JOIN dw.missing AS m ON m.source_key = s.source_key;").Fragment.Accept(visitor);

        Assert.Equal(["dw.dim_source", "dw.missing"], visitor.Tables);
        Assert.Contains("nope", visitor.Columns);
        Assert.Contains("alias_here", visitor.Defined);
        Assert.Contains("sub_account_id", SqlServerSchema.Tables["dw.dim_source"]);
    }

    private sealed class NameVisitor : TSqlFragmentVisitor
    {
        public List<string> Tables { get; } = [];

        public List<string> Columns { get; } = [];

        public HashSet<string> Defined { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Visit(NamedTableReference node)
        {
            var name = node.SchemaObject;
            Tables.Add(name.SchemaIdentifier is null ? name.BaseIdentifier.Value : $"{name.SchemaIdentifier.Value}.{name.BaseIdentifier.Value}");
        }

        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.ColumnType == ColumnType.Regular && node.MultiPartIdentifier is { Count: > 0 } parts)
            {
                Columns.Add(parts.Identifiers[^1].Value);
            }
        }

        public override void Visit(SelectScalarExpression node)
        {
            if (node.ColumnName?.Value is { } alias)
            {
                Defined.Add(alias);
            }
        }

        public override void Visit(SchemaDeclarationItemOpenjson node) => Defined.Add(node.ColumnDefinition.ColumnIdentifier.Value);

        // OPENJSON without a WITH clause returns its default schema: key, value, type.
        public override void Visit(OpenJsonTableReference node)
        {
            if (node.SchemaDeclarationItems.Count == 0)
            {
                Defined.UnionWith(["key", "value", "type"]);
            }
        }
    }
}
