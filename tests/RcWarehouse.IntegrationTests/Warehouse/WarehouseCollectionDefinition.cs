using Xunit;

namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>Warehouse tests share one migrated database per engine and compare whole tables, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class WarehouseCollectionDefinition : ICollectionFixture<WarehouseFixture>
{
    public const string Name = "Warehouse";
}
