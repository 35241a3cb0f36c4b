using Microsoft.SqlServer.TransactSql.ScriptDom;
using RcWarehouse.Warehouse.Migrations;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>The tables and columns sql/sqlserver/0001_initial.sql creates, read with the T-SQL parser.</summary>
internal static class SqlServerSchema
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Tables { get; } = Read();

    private static Dictionary<string, IReadOnlyList<string>> Read()
    {
        var script = File.ReadAllText(Path.Combine(RepoPaths.SqlFolder("sqlserver"), "0001_initial.sql"));
        var tables = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var batch in GoBatchSplitter.Split(script))
        {
            if (TSql.Parse(batch).Fragment is not TSqlScript parsed)
            {
                continue;
            }

            foreach (var create in parsed.Batches.SelectMany(b => b.Statements).OfType<CreateTableStatement>())
            {
                var name = $"{create.SchemaObjectName.SchemaIdentifier.Value}.{create.SchemaObjectName.BaseIdentifier.Value}";
                tables[name] = [.. create.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value)];
            }
        }

        return tables;
    }
}
