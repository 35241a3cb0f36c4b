using System.Text.RegularExpressions;
using RcWarehouse.Core.Reports;
using RcWarehouse.IntegrationTests.Support;
using RcWarehouse.IntegrationTests.Warehouse;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Dimensions.DimensionQueries;
using static RcWarehouse.IntegrationTests.Dimensions.ReferenceData;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Dimensions;

/// <summary>Every SQL example in docs/bi.md runs, as printed, against a loaded warehouse (on SQLite without the dw. prefix).</summary>
[Collection(WarehouseCollectionDefinition.Name)]
public sealed partial class BiDocQueriesTests(WarehouseFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<WarehouseProvider, int> Queries()
    {
        var data = new TheoryData<WarehouseProvider, int>();
        foreach (var provider in new[] { WarehouseProvider.Sqlite, WarehouseProvider.SqlServer })
        {
            for (var i = 0; i < Blocks().Count; i++)
            {
                data.Add(provider, i + 1);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task DocumentedQuery_Runs(WarehouseProvider provider, int number)
    {
        // Given a small day of data (the views' KPI test checks the numbers themselves)
        var w = await fixture.GetAsync(provider);
        var source = NewSource("doc");
        await w.Warehouse.LoadReferenceAsync(Snapshot(source, Day, RedTeam(), [Queue("Q1", "Sales", "A1")]), Ct);
        await w.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(10, 11)), Stream([Queue("Q1", At(10, 0))]), Ct);
        await LoadAgentSlotAsync(w, source, Day, Ct, ("A1", 4, 600m));
        await w.Warehouse.LoadAsync(Request(source, ReportKind.Segments, Window(14, 15)), Stream([Segment("I1", "2", At(14, 7))]), Ct);
        await w.Warehouse.LoadAsync(Request(source, ReportKind.AgentStats, Window(10, 11)), Stream([AgentState("A1", At(10, 0), others: [new("ringing_dur", 20m)])]), Ct);

        // When the documented query runs, Then it answers (and the ones about this data answer with rows)
        var sql = Blocks()[number - 1];
        var rows = await w.QueryAsync(provider == WarehouseProvider.Sqlite ? sql.Replace("dw.", string.Empty, StringComparison.Ordinal) : sql, Ct);
        if (number is 1 or 5 or 7 or 10 or 12 or 13 or 15 or 16)
        {
            Assert.NotEmpty(rows);
        }
    }

    private static List<string> Blocks() =>
    [
        .. SqlBlock().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "bi.md"))).Select(m => m.Groups[1].Value),
    ];

    [GeneratedRegex("```sql\\r?\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}
