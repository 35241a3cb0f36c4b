using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>The tables and columns the numbered scripts in sql/sqlserver create, read with the T-SQL parser.</summary>
internal static class SqlServerSchema
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Tables { get; } = Read();

    private static Dictionary<string, IReadOnlyList<string>> Read()
    {
        var tables = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var scripts = Directory.EnumerateFiles(RepoPaths.SqlFolder("sqlserver"), "*.sql").Order(StringComparer.Ordinal);
        foreach (var batch in scripts.SelectMany(file => TSqlBatches.Split(File.ReadAllText(file))))
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
