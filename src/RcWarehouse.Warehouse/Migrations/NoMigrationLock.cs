namespace RcWarehouse.Warehouse.Migrations;

/// <summary>The lock of a database no other process can reach (SQLite in memory): nothing to take or release.</summary>
internal sealed class NoMigrationLock : IAsyncDisposable
{
    public static NoMigrationLock Instance { get; } = new();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
