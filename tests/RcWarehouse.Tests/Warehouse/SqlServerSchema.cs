using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>The tables and columns the numbered scripts in sql/sqlserver create, read with the T-SQL parser.</summary>
internal static class SqlServerSchema
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Tables { get; } = Read();

    /// <summary>
    /// Character lengths of the (n)varchar/(n)char columns after every script (ALTER COLUMN included), by table then
    /// column; null for (max). Columns of other types are absent.
    /// </summary>
    public static IReadOnlyDictionary<string, Dictionary<string, int?>> TextLengths { get; } = ReadLengths();

    /// <summary>
    /// The columns (schema.table.column) typed varchar or char after every script: SqlServerDialect binds every string
    /// parameter as nvarchar, so comparing one of these with a parameter converts the column on every row it reads.
    /// </summary>
    public static IReadOnlySet<string> NonUnicodeColumns { get; } = ReadNonUnicode();

    private static HashSet<string> ReadNonUnicode()
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var statement in Statements())
        {
            switch (statement)
            {
                case CreateTableStatement create:
                    foreach (var column in create.Definition.ColumnDefinitions)
                    {
                        Mark(columns, $"{Name(create.SchemaObjectName)}.{column.ColumnIdentifier.Value}", column.DataType);
                    }

                    break;
                case AlterTableAlterColumnStatement alter when alter.DataType is not null:
                    Mark(columns, $"{Name(alter.SchemaObjectName)}.{alter.ColumnIdentifier.Value}", alter.DataType);
                    break;
            }
        }

        return columns;

        static void Mark(HashSet<string> columns, string column, DataTypeReference? type)
        {
            if (type is SqlDataTypeReference { SqlDataTypeOption: SqlDataTypeOption.VarChar or SqlDataTypeOption.Char })
            {
                columns.Add(column);
            }
            else
            {
                columns.Remove(column);
            }
        }
    }

    private static Dictionary<string, Dictionary<string, int?>> ReadLengths()
    {
        var lengths = new Dictionary<string, Dictionary<string, int?>>(StringComparer.OrdinalIgnoreCase);
        foreach (var statement in Statements())
        {
            switch (statement)
            {
                case CreateTableStatement create:
                    var table = lengths[Name(create.SchemaObjectName)] = new Dictionary<string, int?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var column in create.Definition.ColumnDefinitions)
                    {
                        if (TextLength(column.DataType) is { } length)
                        {
                            table[column.ColumnIdentifier.Value] = length.Value;
                        }
                    }

                    break;
                case AlterTableAlterColumnStatement alter when TextLength(alter.DataType) is { } altered:
                    lengths[Name(alter.SchemaObjectName)][alter.ColumnIdentifier.Value] = altered.Value;
                    break;
            }
        }

        return lengths;
    }

    private static IEnumerable<TSqlStatement> Statements() =>
        Directory.EnumerateFiles(RepoPaths.SqlFolder("sqlserver"), "*.sql").Order(StringComparer.Ordinal)
            .SelectMany(file => TSqlBatches.Split(File.ReadAllText(file)))
            .SelectMany(batch => TSql.Parse(batch).Fragment is TSqlScript parsed ? parsed.Batches.SelectMany(b => b.Statements) : []);

    private static string Name(SchemaObjectName name) => $"{name.SchemaIdentifier.Value}.{name.BaseIdentifier.Value}";

    // (Value: null) for (max); null for a type that is not text.
    private static (int? Value, bool Text)? TextLength(DataTypeReference? type)
    {
        if (type is not SqlDataTypeReference { SqlDataTypeOption: SqlDataTypeOption.NVarChar or SqlDataTypeOption.VarChar or SqlDataTypeOption.NChar or SqlDataTypeOption.Char } text)
        {
            return null;
        }

        return text.Parameters.Count == 0 ? (1, true)
            : text.Parameters[0] is MaxLiteral ? (null, true)
            : (int.Parse(text.Parameters[0].Value, System.Globalization.CultureInfo.InvariantCulture), true);
    }

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
