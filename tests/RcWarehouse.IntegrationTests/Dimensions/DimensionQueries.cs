using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;
using RcWarehouse.IntegrationTests.Warehouse;
using RcWarehouse.Warehouse;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Dimensions;

/// <summary>Loads and reads the dimension tests share.</summary>
internal static class DimensionQueries
{
    /// <summary>The engine's name for a view: <c>dw.v</c> on SQL Server, the bare name on SQLite.</summary>
    public static string View(TestWarehouse warehouse, string name) => warehouse.Provider == WarehouseProvider.Sqlite ? name : "dw." + name;

    /// <summary>One agent-queue fact at 14:00 UTC of <paramref name="day"/>, in a batch covering that slot.</summary>
    public static Task<LoadResult> LoadAgentSlotAsync(TestWarehouse warehouse, string source, DateTime day, CancellationToken cancellationToken, params (string Agent, long Answered, decimal Talking)[] agents)
    {
        var start = day.AddHours(14);
        var rows = agents.Select(a => Agent(a.Agent, "Q1", start, answered: a.Answered, talking: a.Talking)).ToArray();
        return warehouse.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, new UtcWindow(start, start.AddMinutes(15))), Stream(rows), cancellationToken);
    }

    public static async Task<string[][]> RowsAsync(TestWarehouse warehouse, string sql, string source, CancellationToken cancellationToken) =>
        [.. (await warehouse.QueryAsync(sql, cancellationToken, ("@source", source))).Select(r => r.Select(v => Engines.Text(v) ?? "NULL").ToArray())];

    public const string SourceKey = "(SELECT sk.source_key FROM {dim_source} AS sk WHERE sk.sub_account_id = @source)";
}
