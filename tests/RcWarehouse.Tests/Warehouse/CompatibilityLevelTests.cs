using RcWarehouse.Warehouse.Migrations;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

public sealed class CompatibilityLevelTests
{
    [Theory]
    [InlineData(130)]
    [InlineData(150)]
    [InlineData(160)]
    public void Level130AndAbove_IsAccepted(int level) => Assert.Null(CompatibilityLevel.Problem(level, "rcw"));

    [Fact]
    public void LowerLevel_IsRefusedWithTheStatementThatFixesIt()
    {
        var problem = CompatibilityLevel.Problem(120, "rc]w");

        Assert.Equal(
            "Database 'rc]w' runs at compatibility level 120; the warehouse needs 130 or higher (OPENJSON). " +
            "Raise it with: ALTER DATABASE [rc]]w] SET COMPATIBILITY_LEVEL = 150; then run migrate again.",
            problem);
    }
}
