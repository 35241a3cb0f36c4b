namespace RcWarehouse.Warehouse.Migrations;

/// <summary>
/// One script: <see cref="Name"/> is its path below the engine folder (<c>0001_initial.sql</c>, <c>views/v_queue_interval.sql</c>),
/// the name the journal records. View scripts run on every migrate and are never journaled.
/// </summary>
internal sealed record MigrationScript(string Name, string Text)
{
    public const string ViewFolder = "views/";

    public bool IsView => Name.StartsWith(ViewFolder, StringComparison.Ordinal);

    // Computed, not stored: a `with` copy that changes Text must not keep the old checksum.
    public string Checksum => ScriptChecksum.Compute(Text);
}
