using System.Text;
using RcWarehouse.Warehouse.Sqlite;
using RcWarehouse.Warehouse.SqlServer;
using RcWarehouse.Warehouse.Staging;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>
/// Approval tests: the SQL each engine generates is rendered into one file and compared with the committed
/// <c>Snapshots/{engine}.approved.sql</c>, so any change to generated SQL shows up as a reviewable diff.
/// </summary>
public sealed class GeneratedSqlSnapshotTests
{
    [Fact]
    public void SqliteSql_MatchesApprovedSnapshot() => Verify("sqlite", RenderSqlite());

    [Fact]
    public void SqlServerSql_MatchesApprovedSnapshot() => Verify("sqlserver", RenderSqlServer());

    private static string RenderSqlite()
    {
        var sb = new StringBuilder("-- Every statement the SQLite engine sends (generated; see GeneratedSqlSnapshotTests).\n");
        Section(sb, "stage_insert.segment", SqliteStatements.StageInsert(SegmentStaging.Layout, 2));
        Section(sb, "stage_insert.agent_stats", SqliteStatements.StageInsert(AgentStatsStaging.Layout, 2));
        foreach (var table in new[] { AgentExtendedStaging.Layout.Table, QueueStatsStaging.Layout.Table })
        {
            var plan = SqliteStatements.FactPlanOf(table)!;
            Section(sb, $"fact_upsert.{table}", SqliteStatements.FactUpsert(plan, 2));
            Section(sb, $"keys_insert.{table}", SqliteStatements.KeysInsert(plan, 2));
            Section(sb, $"select_key_row.{table}", SqliteStatements.SelectKeyRow(plan));
            foreach (var members in plan.Members)
            {
                Section(sb, $"select_versions.{table}.{members.Dimension}", SqliteStatements.SelectVersions(members));
                Section(sb, $"infer_member.{table}.{members.Dimension}", SqliteStatements.InferMember(members));
            }
        }

        foreach (var statement in SqliteStatements.Catalog.All().Concat(RcWarehouse.Warehouse.Recordings.SqliteRecordingStatements.Sql.All()))
        {
            Section(sb, statement.Name, statement.Text);
        }

        return sb.ToString();
    }

    private static string RenderSqlServer()
    {
        var sb = new StringBuilder("-- Every statement the SQL Server engine sends (generated; see GeneratedSqlSnapshotTests).\n");
        BulkCopy(sb, AgentExtendedStaging.Layout);
        BulkCopy(sb, QueueStatsStaging.Layout);
        BulkCopy(sb, SegmentStaging.Layout);
        BulkCopy(sb, AgentStatsStaging.Layout);
        foreach (var statement in SqlServerStatements.All())
        {
            Section(sb, statement.Name, statement.Text);
        }

        return sb.ToString();
    }

    private static void BulkCopy<TRow>(StringBuilder sb, StageLayout<TRow> layout)
    {
        var columns = new[] { StageDataReader<TRow>.BatchColumn }.Concat(layout.Columns.Select(c => c.Name));
        Section(
            sb,
            "bulk_copy." + layout.Table,
            $"-- SqlBulkCopy into {SqlServerStatements.StageOf(layout.Table).Table}, columns mapped by name:\n-- {string.Join(", ", columns)}");
    }

    private static void Section(StringBuilder sb, string name, string text) =>
        sb.Append("\n-- ==== ").Append(name).Append('\n').Append(text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd()).Append('\n');

    private static void Verify(string engine, string received)
    {
        var approvedPath = Path.Combine(RepoPaths.SnapshotFolder, $"{engine}.approved.sql");
        var receivedPath = Path.Combine(RepoPaths.SnapshotFolder, $"{engine}.received.sql");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        var firstDifference = approved is null ? "no approved file yet" : FirstDifference(approved, received);
        Assert.Fail(
            $"Generated {engine} SQL differs from {approvedPath} ({firstDifference}). " +
            $"Review with: diff -u {approvedPath} {receivedPath} ; if the change is intended, move the received file over the approved one.");
    }

    private static string FirstDifference(string approved, string received)
    {
        var a = approved.Split('\n');
        var r = received.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, r.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end>";
            var right = i < r.Length ? r[i] : "<end>";
            if (left != right)
            {
                return $"first difference at line {i + 1}: approved '{left}', received '{right}'";
            }
        }

        return "whitespace only";
    }
}
