using RcWarehouse.Warehouse.SqlServer;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>The GO conventions sql/README.md promises, as DbUp's splitter (the one migrations run with) applies them.</summary>
public sealed class SqlServerBatchSplitTests
{
    [Fact]
    public void LinesThatAreGoInAnyCase_SeparateBatches()
    {
        var batches = TSqlBatches.Split("CREATE SCHEMA dw;\nGO\n  go  \r\nSELECT 1;\nGo\nSELECT 2;");

        Assert.Equal(["CREATE SCHEMA dw;", "SELECT 1;", "SELECT 2;"], batches.Select(b => b.Trim()));
    }

    [Fact]
    public void GoInsideAStringOrCommentOrWord_DoesNotSplit()
    {
        var batches = TSqlBatches.Split("SELECT 'GO' AS go_column; -- GO\nGOTO done;\n/* GO */\nSELECT 3;\n");

        Assert.Single(batches);
    }

    [Fact]
    public void EverySqlServerScript_SplitsIntoBatchesThatEachParse()
    {
        foreach (var file in Directory.EnumerateFiles(RepoPaths.SqlFolder("sqlserver"), "*.sql", SearchOption.AllDirectories))
        {
            var batches = TSqlBatches.Split(File.ReadAllText(file));

            Assert.NotEmpty(batches);
            Assert.All(batches, batch => Assert.DoesNotMatch(@"(?im)^\s*GO\s*$", batch));
        }
    }

    [Fact]
    public void AMigrationScript_RunsWithItsLockWaitsBoundedFirst()
    {
        var script = new MigrationLockTimeout(120_000).Process("ALTER TABLE dw.x ALTER COLUMN y int NOT NULL;\nGO\nCREATE INDEX ix ON dw.x (y);\n");

        var batches = TSqlBatches.Split(script);

        Assert.Equal(["SET LOCK_TIMEOUT 120000;", "ALTER TABLE dw.x ALTER COLUMN y int NOT NULL;", "CREATE INDEX ix ON dw.x (y);"], batches.Select(b => b.Trim()));
    }
}
