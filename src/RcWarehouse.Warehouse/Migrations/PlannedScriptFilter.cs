using DbUp.Engine;
using DbUp.Support;

namespace RcWarehouse.Warehouse.Migrations;

/// <summary>DbUp's script filter: exactly the scripts of the checked <see cref="MigrationPlan"/>, in its order.</summary>
internal sealed class PlannedScriptFilter(MigrationPlan plan) : IScriptFilter
{
    public IEnumerable<SqlScript> Filter(IEnumerable<SqlScript> sorted, HashSet<string> executedScriptNames, ScriptNameComparer comparer)
    {
        var pending = plan.Pending.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        return sorted.Where(script => pending.Contains(script.Name) && (!executedScriptNames.Contains(script.Name)));
    }
}
