namespace RcWarehouse.Warehouse.Migrations;

/// <summary>
/// What this release's scripts would do to a warehouse with the given journal (script name to checksum): numbered
/// scripts not applied yet, views that are new or whose text changed, and the two states that stop everything: an
/// applied script that was edited since, and journal entries this release does not know (a newer release migrated it).
/// </summary>
internal sealed class MigrationPlan
{
    private MigrationPlan(IReadOnlyList<MigrationScript> pending, IReadOnlyList<MigrationScript> edited, IReadOnlyList<string> unknown)
    {
        Pending = pending;
        Edited = edited;
        Unknown = unknown;
    }

    /// <summary>Scripts to run, numbered ones first (name order), then views (name order).</summary>
    public IReadOnlyList<MigrationScript> Pending { get; }

    public IReadOnlyList<MigrationScript> Edited { get; }

    public IReadOnlyList<string> Unknown { get; }

    public bool IsCurrent => Pending.Count == 0 && Edited.Count == 0 && Unknown.Count == 0;

    public static MigrationPlan Create(IReadOnlyList<MigrationScript> scripts, IReadOnlyDictionary<string, string> journal)
    {
        var known = scripts.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = journal.Keys.Where(name => !known.Contains(name)).Order(StringComparer.Ordinal).ToList();

        var pending = new List<MigrationScript>();
        var edited = new List<MigrationScript>();
        foreach (var script in scripts.OrderBy(s => s.IsView).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            if (!journal.TryGetValue(script.Name, out var recorded))
            {
                pending.Add(script);
            }
            else if (!string.Equals(recorded.Trim(), script.Checksum, StringComparison.OrdinalIgnoreCase))
            {
                // A view is re-applied when its text changes; a numbered script must never change once applied.
                (script.IsView ? pending : edited).Add(script);
            }
        }

        return new MigrationPlan(pending, edited, unknown);
    }

    /// <summary>Throws for the states no migration can fix: an edited applied script, or a newer warehouse.</summary>
    public void ThrowIfRefused(IReadOnlyDictionary<string, string> journal)
    {
        if (Edited.Count > 0)
        {
            var script = Edited[0];
            throw new WarehouseSchemaException(
                $"Migration script {script.Name} was changed after it was applied (journal checksum {journal[script.Name].Trim()}, script now {script.Checksum}). "
                + "Applied scripts must never be edited: restore it and put the change in a new numbered script.");
        }

        if (Unknown.Count > 0)
        {
            throw new WarehouseSchemaException(
                $"The warehouse is newer than this rcwarehouse: its journal records {Describe(Unknown)}, which this release does not know. "
                + "Use the release that migrated it, or a newer one.");
        }
    }

    public static string Describe(IReadOnlyList<string> names) =>
        names.Count <= 3 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))} and {names.Count - 3} more";
}
