using RcWarehouse.Warehouse.Migrations;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

public sealed class GoBatchSplitterTests
{
    [Fact]
    public void LinesThatAreExactlyGo_SeparateBatches()
    {
        var batches = GoBatchSplitter.Split("CREATE SCHEMA dw;\nGO\n  go  \r\nSELECT 1;\nGo\nSELECT 2;");

        Assert.Equal(["CREATE SCHEMA dw;\n", "SELECT 1;\n", "SELECT 2;\n"], batches);
    }

    [Fact]
    public void GoInsideALine_DoesNotSplit()
    {
        var batches = GoBatchSplitter.Split("SELECT 'GO' AS go_column; -- GO\nGOTO done;\nGO;\n");

        Assert.Single(batches);
    }

    [Fact]
    public void BatchesOfOnlyCommentsOrBlanks_AreDropped()
    {
        var batches = GoBatchSplitter.Split("-- header\n\nGO\nSELECT 1;\nGO\n\n");

        Assert.Equal(["SELECT 1;\n"], batches);
    }
}
