using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>The variables a statement uses without declaring them itself: the parameters the engine must bind.</summary>
internal sealed class StatementVariables : TSqlFragmentVisitor
{
    // The names of a procedure's own parameters (EXEC p @LockMode = ...) are not variables of the batch.
    private readonly HashSet<TSqlFragment> _procedureParameterNames = [];

    private StatementVariables()
    {
    }

    public HashSet<string> Used { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> Declared { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The free variables of <paramref name="fragment"/>, in the order they first appear.</summary>
    public static IReadOnlyList<string> Free(TSqlFragment fragment)
    {
        var visitor = new StatementVariables();
        fragment.Accept(visitor);
        return [.. visitor.Used.Where(v => !visitor.Declared.Contains(v))];
    }

    public override void Visit(ExecuteParameter node)
    {
        if (node.Variable is not null)
        {
            _procedureParameterNames.Add(node.Variable);
        }
    }

    public override void Visit(VariableReference node)
    {
        if (!_procedureParameterNames.Contains(node))
        {
            Used.Add(node.Name);
        }
    }

    public override void Visit(DeclareVariableElement node) => Declared.Add(node.VariableName.Value);

    public override void Visit(DeclareTableVariableBody node) => Declared.Add(node.VariableName.Value);
}
