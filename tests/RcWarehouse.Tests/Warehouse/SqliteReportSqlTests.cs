using System.Text.RegularExpressions;
using RcWarehouse.Warehouse.Sqlite;
using RcWarehouse.Warehouse.Staging;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>
/// The SQLite report statements are written out per report (Sqlite/Publish); the writers bind their multi-row statements
/// by position, in the order of the plan's grain and measures or of the staging layout's columns. These tests hold the
/// spelled-out column lists to that order, so a reordered list cannot bind a value into the wrong column.
/// </summary>
public sealed partial class SqliteReportSqlTests
{
    public static TheoryData<string> FactReports() => ["agent_extended", "queue_stats"];

    public static TheoryData<string> StagedReports() => ["segment", "agent_stats"];

    [Theory]
    [MemberData(nameof(FactReports))]
    public void FactWrites_ListTheColumnsInThePlansBindingOrder(string report)
    {
        // Given the plan the fact writer binds by (grain, then measures)
        var plan = SqliteStatements.FactPlanOf(report)!;
        string[] fact = ["source_key", .. plan.Grain, .. plan.Measures, "load_batch_id"];

        // Then the upsert and the first load's insert name exactly those columns, with one parameter per bound value per row
        foreach (var sql in new[] { SqliteStatements.FactUpsert(plan, 3), SqliteFirstLoadStatements.FactInsert(plan, 3) })
        {
            Assert.Equal(fact, InsertColumns(sql, plan.Fact));
            Assert.Equal(3 * (plan.Grain.Count + plan.Measures.Count), RowParameters(sql));
            Assert.Equal(3, Count(sql, "@source_key, @r"));
        }

        // And the keys insert names the grain and the batch row
        var keys = SqliteStatements.KeysInsert(plan, 3);
        Assert.Equal([.. plan.Grain, "batch_row"], InsertColumns(keys, plan.KeysTable));
        Assert.Equal(3 * (plan.Grain.Count + 1), RowParameters(keys));
    }

    [Theory]
    [MemberData(nameof(FactReports))]
    public void RepeatLookups_TakeEachGrainColumnAsItsOwnParameter(string report)
    {
        // The writer names a repeat's rows by binding @{column} for each grain column
        var plan = SqliteStatements.FactPlanOf(report)!;
        foreach (var column in plan.Grain)
        {
            Assert.Contains($" {column} = @{column}", SqliteStatements.SelectKeyRow(plan), StringComparison.Ordinal);
            Assert.Contains($" {column} = @{column}", SqliteFirstLoadStatements.SelectFactRowid(plan), StringComparison.Ordinal);
        }

        Assert.Contains(plan.FirstLoadTable, SqliteFirstLoadStatements.RecordFirstLoad(plan), StringComparison.Ordinal);
        Assert.Contains($"FROM {plan.Fact}", SqliteFirstLoadStatements.LastRowid(plan), StringComparison.Ordinal);
        Assert.Contains($"FROM {plan.Fact}", SqliteFirstLoadStatements.HoldsFacts(plan), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StagedReports))]
    public void StageInserts_ListTheLayoutsColumnsInOrder(string table)
    {
        var (names, insert) = table switch
        {
            "segment" => (SegmentStaging.Layout.Columns.Select(c => c.Name).ToArray(), SqliteStatements.StageInsert(SegmentStaging.Layout, 3)),
            _ => (AgentStatsStaging.Layout.Columns.Select(c => c.Name).ToArray(), SqliteStatements.StageInsert(AgentStatsStaging.Layout, 3)),
        };

        Assert.Equal(["load_batch_id", .. names], InsertColumns(insert, SqliteStatements.StageTable(table)));
        Assert.Equal(3 * names.Length, RowParameters(insert));
    }

    [Theory]
    [MemberData(nameof(FactReports))]
    [MemberData(nameof(StagedReports))]
    public void MemberInserts_FillTheirReportsMemberTable(string table)
    {
        foreach (var members in SqliteStatements.MembersOf(table))
        {
            Assert.Equal([members.IdColumn, members.AttributeColumn], InsertColumns(SqliteStatements.InsertMember(members), members.Table));
            Assert.EndsWith("VALUES (@id, @attribute);", SqliteStatements.InsertMember(members), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(FactReports))]
    public void InferredMembers_SpanTheValidityTheKeyResolverAssumes(string report)
    {
        // DimensionKeys keeps an inferred member's version in memory as MinValidFromText..MaxValidToText
        foreach (var members in SqliteStatements.FactPlanOf(report)!.Members)
        {
            var infer = SqliteStatements.InferMember(members);
            Assert.Equal(["source_key", members.IdColumn, members.AttributeColumn, "is_active", "is_inferred", "valid_from_utc", "valid_to_utc", "is_current"], InsertColumns(infer, members.Dimension));
            Assert.Contains($"'{SqliteStatements.MinValidFromText}', '{SqliteStatements.MaxValidToText}'", infer, StringComparison.Ordinal);
            Assert.Contains($"RETURNING {members.KeyColumn};", infer, StringComparison.Ordinal);
            Assert.Contains($"FROM {members.Dimension}", SqliteStatements.SelectVersions(members), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SetBasedInferences_SpanTheSameValidity()
    {
        var catalog = SqliteStatements.Catalog;
        foreach (var statement in catalog.Segments.Publish.Concat(catalog.AgentStats.Publish).Where(s => s.Name.EndsWith(".infer_agents", StringComparison.Ordinal)))
        {
            Assert.Contains($"'{SqliteStatements.MinValidFromText}', '{SqliteStatements.MaxValidToText}'", statement.Text, StringComparison.Ordinal);
        }
    }

    private static string[] InsertColumns(string sql, string table)
    {
        var match = Regex.Match(sql, $@"^INSERT INTO {Regex.Escape(table)} \(([^)]*)\)", RegexOptions.Multiline);
        Assert.True(match.Success, $"No INSERT INTO {table} (...) in: {sql}");
        return [.. match.Groups[1].Value.Split(", ")];
    }

    private static int RowParameters(string sql) => RowParameter().Count(sql);

    private static int Count(string text, string value) => Regex.Count(text, Regex.Escape(value));

    [GeneratedRegex(@"@r\d+c\d+\b")]
    private static partial Regex RowParameter();
}
