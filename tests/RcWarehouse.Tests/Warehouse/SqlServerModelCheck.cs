using System.Text;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.Dac.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>
/// A DacFx model of the warehouse (SQL Server 2019, compatibility 150) into which statements are added as stored
/// procedure bodies, so that <see cref="Validate"/> resolves every table and column they name against the schema.
/// Tables the statements create themselves are modelled too: a permanent one (the migration journal) as it is, and a
/// session temp table <c>#t</c> as the permanent table <c>rcw_session.t</c>, with every reference to <c>#t</c> in the
/// same set of statements rewritten to it, because DacFx reports a temp table created in another batch as unresolved
/// and does not check the columns of one created in the same procedure.
/// </summary>
internal sealed partial class SqlServerModelCheck : IDisposable
{
    private const string SessionSchema = "rcw_session";

    private readonly TSqlModel _model = new(SqlServerVersion.Sql150, new TSqlModelOptions());
    private readonly SqlServerSchemaReplay _schema;
    private readonly HashSet<string> _tables;
    private readonly Dictionary<string, string> _procedures = new(StringComparer.OrdinalIgnoreCase);
    private int _sources;

    public SqlServerModelCheck(SqlServerSchemaReplay schema)
    {
        _schema = schema;
        _tables = new(schema.TableNames, StringComparer.OrdinalIgnoreCase);
        Add("session temp tables", $"CREATE SCHEMA [{SessionSchema}];");
        foreach (var (source, text) in schema.Definitions)
        {
            Add(source, text);
        }
    }

    public int ProcedureCount => _procedures.Count;

    /// <summary>The tables and views the model really holds, as schema.name (DacFx can accept a script and model nothing).</summary>
    public IReadOnlyList<string> ModelledTablesAndViews =>
    [
        .. _model.GetObjects(DacQueryScopes.UserDefined, Table.TypeClass, View.TypeClass)
            .Select(o => string.Join(".", o.Name.Parts)),
    ];

    /// <summary>Every column of the modelled tables as (schema.table.column, collation or "" when it has none of its own).</summary>
    public IReadOnlyList<(string Column, string Collation)> ColumnCollations =>
    [
        .. _model.GetObjects(DacQueryScopes.UserDefined, Table.TypeClass)
            .SelectMany(t => t.GetReferenced(Table.Columns))
            .Select(c => (string.Join(".", c.Name.Parts), c.GetProperty<string>(Column.Collation) ?? "")),
    ];

    /// <summary>Adds each statement as procedure <c>[procedureSchema].[name]</c>, its free variables as parameters.</summary>
    public void AddStatements(string procedureSchema, IEnumerable<NamedSql> statements)
    {
        var parsed = statements.Select(s => (Statement: s, Fragment: ParseOrThrow(s))).ToList();
        Add(procedureSchema, $"CREATE SCHEMA [{procedureSchema}];");

        var temps = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, fragment) in parsed)
        {
            foreach (var create in TablesCreatedBy(fragment).Where(c => IsTemp(c.SchemaObjectName)))
            {
                var name = create.SchemaObjectName.BaseIdentifier.Value;
                temps.TryAdd(name, $"[{SessionSchema}].[{name.TrimStart('#')}]");
            }

            foreach (var (into, _) in TablesCopiedBy(fragment))
            {
                temps.TryAdd(into, $"[{SessionSchema}].[{into.TrimStart('#')}]");
            }
        }

        // SELECT * INTO #t FROM schema.table: #t gets that table's columns (the private stages are made this way).
        foreach (var (statement, fragment) in parsed)
        {
            foreach (var (into, from) in TablesCopiedBy(fragment))
            {
                var key = temps[into];
                if (_tables.Add(key))
                {
                    var definition = _schema.CopyOfColumns(from, key)
                        ?? throw new InvalidOperationException($"{statement.Name}: SELECT * INTO {into} FROM {from}, a table the schema lacks.");
                    Add($"{statement.Name} (table it copies)", definition);
                }
            }
        }

        foreach (var (statement, fragment) in parsed)
        {
            foreach (var create in TablesCreatedBy(fragment))
            {
                var key = IsTemp(create.SchemaObjectName) ? temps[create.SchemaObjectName.BaseIdentifier.Value] : SqlServerSchemaReplay.Key(create.SchemaObjectName);
                if (_tables.Add(key))
                {
                    var text = statement.Text.Substring(create.StartOffset, create.FragmentLength);
                    Add($"{statement.Name} (table it creates)", RewriteTemps(text, temps));
                }
            }

            var parameters = StatementVariables.Free(fragment).Select(p => $"    {p} {TypeOf(p)}");
            var procedure = $"[{procedureSchema}].[{statement.Name}]";
            _procedures[procedure] = statement.Name;
            Add(statement.Name, $"""
                CREATE PROCEDURE {procedure}
                {string.Join(",\n", parameters)}
                AS
                BEGIN
                {RewriteTemps(statement.Text, temps)}
                END;
                """);
        }
    }

    /// <summary>Every message of the model's validation, attributed to the statement whose procedure it names.</summary>
    public IReadOnlyList<ModelProblem> Validate() =>
    [
        .. _model.Validate().Select(m => new ModelProblem(
            _procedures.Keys.Where(p => m.Message.Contains(p, StringComparison.OrdinalIgnoreCase)).MaxBy(p => p.Length) is { } procedure
                ? _procedures[procedure]
                : "schema " + ValidatedElement().Match(m.Message).Groups[1].Value,
            $"{m.MessageType} {m.Prefix}{m.Number}",
            ReferenceIn(m.Message),
            m.Message)),
    ];

    public void Dispose() => _model.Dispose();

    // DacFx does not check parameter types against their use, but the procedure must declare every variable it uses.
    // The code binds most parameters to the column of the same name; the rest follow SqlServerDialect.AddParameter.
    private string TypeOf(string parameter)
    {
        var bare = parameter.TrimStart('@');
        return _schema.ColumnTypes.TryGetValue(bare, out var type) ? type : bare switch
        {
            _ when bare.EndsWith("_utc", StringComparison.OrdinalIgnoreCase) || bare is "open_until" or "applied" => "datetime2(3)",
            _ when bare.EndsWith("_key", StringComparison.OrdinalIgnoreCase) => "bigint",
            _ when bare.StartsWith("is_", StringComparison.OrdinalIgnoreCase) => "bit",
            "limit" or "lock_timeout_ms" => "int",
            _ => "nvarchar(4000)",
        };
    }

    private void Add(string source, string script)
    {
        try
        {
            _model.AddOrUpdateObjects(script, $"{source} #{++_sources}", new TSqlObjectOptions());
        }
        catch (DacModelException e)
        {
            throw new InvalidOperationException($"DacFx could not model {source}: {e.Message}\n{script}", e);
        }
    }

    private static TSqlFragment ParseOrThrow(NamedSql statement)
    {
        var (fragment, errors) = TSql.Parse(statement.Text);
        return errors.Count == 0 ? fragment : throw new InvalidOperationException($"{statement.Name}: {TSql.Describe(errors)}");
    }

    private static bool IsTemp(SchemaObjectName name) => name.SchemaIdentifier is null && name.BaseIdentifier.Value.StartsWith('#');

    /// <summary>The (temp name, schema.table) of every <c>SELECT * INTO #t FROM schema.table</c> in the fragment.</summary>
    private static List<(string Into, string From)> TablesCopiedBy(TSqlFragment fragment)
    {
        var finder = new SelectIntoFinder();
        fragment.Accept(finder);
        return finder.Found;
    }

    private static List<CreateTableStatement> TablesCreatedBy(TSqlFragment fragment)
    {
        var finder = new CreateTableFinder();
        fragment.Accept(finder);
        return finder.Found;
    }

    private static string RewriteTemps(string text, Dictionary<string, string> temps)
    {
        if (temps.Count == 0)
        {
            return text;
        }

        var (fragment, _) = TSql.Parse(text);
        var sb = new StringBuilder(text.Length);
        foreach (var token in fragment.ScriptTokenStream.Where(t => t.TokenType != TSqlTokenType.EndOfFile))
        {
            var name = token.TokenType == TSqlTokenType.QuotedIdentifier ? token.Text[1..^1] : token.Text;
            sb.Append(token.TokenType is TSqlTokenType.Identifier or TSqlTokenType.QuotedIdentifier && temps.TryGetValue(name, out var table) ? table : token.Text);
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"^Error validating element (\S+?):")]
    private static partial Regex ValidatedElement();

    // SQL71502: "... has an unresolved reference to object [s].[t]." SQL71501, a missing column of a known table:
    // "... could refer to any of the following objects: [s].[t].[alias]::[c], ... or [s].[t].[c]." (the plain one is the column).
    private static string ReferenceIn(string message)
    {
        if (DirectReference().Match(message) is { Success: true } direct)
        {
            return direct.Groups[1].Value;
        }

        const string Candidates = "any of the following objects: ";
        var at = message.IndexOf(Candidates, StringComparison.Ordinal);
        if (at < 0)
        {
            return "";
        }

        var candidates = message[(at + Candidates.Length)..].TrimEnd('.').Split([", ", " or "], StringSplitOptions.None);
        return candidates.FirstOrDefault(c => !c.Contains("::", StringComparison.Ordinal)) ?? candidates[0];
    }

    [GeneratedRegex(@"unresolved reference to object (\[.+\])\.?$")]
    private static partial Regex DirectReference();

    private sealed class SelectIntoFinder : TSqlFragmentVisitor
    {
        public List<(string Into, string From)> Found { get; } = [];

        public override void Visit(SelectStatement node)
        {
            if (node.Into is { } into && IsTemp(into)
                && node.QueryExpression is QuerySpecification { FromClause.TableReferences: [NamedTableReference from] } query
                && query.SelectElements is [SelectStarExpression]
                && from.SchemaObject.SchemaIdentifier is not null)
            {
                Found.Add((into.BaseIdentifier.Value, SqlServerSchemaReplay.Key(from.SchemaObject)));
            }
        }
    }

    private sealed class CreateTableFinder : TSqlFragmentVisitor
    {
        public List<CreateTableStatement> Found { get; } = [];

        public override void Visit(CreateTableStatement node) => Found.Add(node);
    }
}
