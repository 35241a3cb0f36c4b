using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>
/// Copies of real statements with one name misspelt, and a session temp table read with a misspelt column, so that
/// <see cref="SqlServerModelTests"/> can show the model check reports exactly these.
/// </summary>
internal static class PlantedTypos
{
    public const string MisspeltColumn = "planted.misspelt_column";
    public const string MisspeltTable = "planted.misspelt_table";
    public const string TempTableCreated = "planted.temp_table_created";
    public const string TempTableRead = "planted.temp_table_read";
    public const string TempTableMisspeltColumn = "planted.temp_table_misspelt_column";

    /// <summary>The real statements the first two copy.</summary>
    public const string ColumnOriginal = "reference_select_agents";
    public const string TableOriginal = "finish_batch";

    public static IEnumerable<NamedSql> From(IReadOnlyList<NamedSql> sent)
    {
        yield return Misspell(sent, ColumnOriginal, MisspeltColumn, "d.agent_group_name", "d.agent_grup_name");
        yield return Misspell(sent, TableOriginal, MisspeltTable, "UPDATE etl.load_batch", "UPDATE etl.load_batches");

        // A temp table defined by one statement of the set and read by others, as a session stage would be.
        yield return new(TempTableCreated, "CREATE TABLE #stage_probe (load_batch_id bigint NOT NULL, agent_id nvarchar(64) NULL);");
        yield return new(TempTableRead, "SELECT p.agent_id FROM #stage_probe AS p WHERE p.load_batch_id = @load_batch_id;");
        yield return new(TempTableMisspeltColumn, "SELECT p.agent_idd FROM #stage_probe AS p WHERE p.load_batch_id = @load_batch_id;");
    }

    private static NamedSql Misspell(IReadOnlyList<NamedSql> sent, string original, string name, string correct, string misspelt)
    {
        var text = sent.Single(s => s.Name == original).Text;
        if (!text.Contains(correct, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{original} no longer contains '{correct}'; plant the typo in another statement.");
        }

        return new(name, text.Replace(correct, misspelt, StringComparison.Ordinal));
    }
}
