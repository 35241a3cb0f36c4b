using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Migrations;
using Xunit;

namespace RcWarehouse.IntegrationTests.Warehouse;

[Collection(WarehouseCollectionDefinition.Name)]
public sealed class WarehouseMigrationTests(WarehouseFixture fixture)
{
    [Fact]
    public async Task FreshSqliteFile_IsCreatedWithItsFolderAndMigratingAgainIsANoOp()
    {
        // Given a SQLite path whose folder does not exist yet
        var path = Path.Combine(fixture.Folder, "fresh-" + Guid.NewGuid().ToString("N"), "nested", "warehouse.db");
        var warehouse = fixture.Create(WarehouseProvider.Sqlite, $"Data Source={path}");

        // When it is migrated twice
        var first = await warehouse.Warehouse.MigrateAsync(TestContext.Current.CancellationToken);
        var journalAfterFirst = await warehouse.QueryAsync("SELECT ScriptName, Applied, Checksum FROM SchemaVersions ORDER BY ScriptName", TestContext.Current.CancellationToken);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await warehouse.Warehouse.MigrateAsync(TestContext.Current.CancellationToken);
        var journalAfterSecond = await warehouse.QueryAsync("SELECT ScriptName, Applied, Checksum FROM SchemaVersions ORDER BY ScriptName", TestContext.Current.CancellationToken);

        // Then the first run applied every numbered script and every view, the second nothing, and the journal did not change
        Assert.True(File.Exists(path));
        Assert.Contains("0001_initial.sql", first.Applied);
        Assert.Contains("views/v_queue_interval.sql", first.ViewsApplied);
        Assert.Empty(second.Applied);
        Assert.Empty(second.ViewsApplied);
        Assert.Equal(journalAfterFirst.Select(r => string.Join('|', r)), journalAfterSecond.Select(r => string.Join('|', r)));
        Assert.Equal("wal", Engines.Text((await warehouse.QueryAsync("PRAGMA journal_mode", TestContext.Current.CancellationToken)).Single()[0]));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task MigratingAnUpToDateWarehouse_AppliesNothingNotEvenViews(WarehouseProvider provider)
    {
        // An ALTER VIEW takes a schema-modification lock that queues behind BI readers: unchanged views are left alone.
        var warehouse = await fixture.GetAsync(provider);

        var result = await warehouse.Warehouse.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Empty(result.Applied);
        Assert.Empty(result.ViewsApplied);
        await warehouse.Warehouse.EnsureSchemaCurrentAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task AJournalAsEarlierReleasesWroteIt_UpgradesInPlaceRerunningNoNumberedScript(WarehouseProvider provider)
    {
        // Given a warehouse holding data whose journal is as the release before DbUp left it: numbered scripts only
        var ct = TestContext.Current.CancellationToken;
        var warehouse = await fixture.GetAsync(provider);
        await warehouse.ExecuteAsync("DELETE FROM SchemaVersions WHERE ScriptName LIKE 'views/%'", ct);
        var numbered = await warehouse.QueryAsync("SELECT ScriptName, Applied, Checksum FROM SchemaVersions ORDER BY ScriptName", ct);
        var sources = await warehouse.QueryAsync("SELECT COUNT(*) FROM {dim_source}", ct);

        // When today's migrator runs
        var result = await warehouse.Warehouse.MigrateAsync(ct);

        // Then no numbered script ran again, each view was applied and journaled once, and the data is still there
        Assert.Empty(result.Applied);
        Assert.Equal(
            ["views/v_agent_interval.sql", "views/v_agent_queue_interval.sql", "views/v_queue_interval.sql", "views/v_segment.sql", "views/v_segment_labeled.sql", "views/v_supervisor_interval.sql"],
            result.ViewsApplied);
        Assert.Equal(
            numbered.Select(r => string.Join('|', r)),
            (await warehouse.QueryAsync("SELECT ScriptName, Applied, Checksum FROM SchemaVersions WHERE ScriptName NOT LIKE 'views/%' ORDER BY ScriptName", ct)).Select(r => string.Join('|', r)));
        Assert.Equal(sources.Single()[0]?.ToString(), (await warehouse.QueryAsync("SELECT COUNT(*) FROM {dim_source}", ct)).Single()[0]?.ToString());
        await warehouse.Warehouse.EnsureSchemaCurrentAsync(ct);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ChangedView_IsReappliedOnceAndJournaledWithItsNewChecksum(WarehouseProvider provider)
    {
        // Given this release's scripts with one view's definition changed (a new column)
        var warehouse = await fixture.GetAsync(provider);
        var original = EmbeddedScripts.For(provider);
        var changed = original
            .Select(s => s.Name == "views/v_queue_interval.sql" ? s with { Text = s.Text + "\n-- a changed definition\n" } : s)
            .ToList();

        // When migrating with it twice, then the view runs once; and the shipped one is re-applied once afterwards
        try
        {
            var first = await warehouse.Engine.MigrateAsync(changed, TestContext.Current.CancellationToken);
            var second = await warehouse.Engine.MigrateAsync(changed, TestContext.Current.CancellationToken);
            Assert.Equal(["views/v_queue_interval.sql"], first.ViewsApplied);
            Assert.Empty(second.ViewsApplied);
            var checksum = await warehouse.QueryAsync("SELECT Checksum FROM SchemaVersions WHERE ScriptName = @name", TestContext.Current.CancellationToken, ("@name", "views/v_queue_interval.sql"));
            Assert.Equal(changed.Single(s => s.Name == "views/v_queue_interval.sql").Checksum, Engines.Text(checksum.Single()[0])?.Trim());
        }
        finally
        {
            var restored = await warehouse.Engine.MigrateAsync(original, TestContext.Current.CancellationToken);
            Assert.Equal(["views/v_queue_interval.sql"], restored.ViewsApplied);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EditedAppliedScript_IsRefusedNamingIt(WarehouseProvider provider)
    {
        // Given the warehouse's scripts with an edit to the applied 0001_initial.sql
        var warehouse = await fixture.GetAsync(provider);
        var scripts = EmbeddedScripts.For(provider)
            .Select(s => s.Name == "0001_initial.sql" ? s with { Text = s.Text + "\n-- an innocent-looking edit\n" } : s)
            .ToList();

        // When migrating, then the migration stops and names the script
        var ex = await Assert.ThrowsAsync<WarehouseSchemaException>(() => warehouse.Engine.MigrateAsync(scripts, TestContext.Current.CancellationToken));
        Assert.Contains("0001_initial.sql", ex.Message, StringComparison.Ordinal);
        Assert.Contains("changed after it was applied", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task NewNumberedScript_RunsOnceAndIsJournaled(WarehouseProvider provider)
    {
        // Given a scratch migration on top of the real ones (a table only this test uses)
        var warehouse = await fixture.GetAsync(provider);
        var name = $"9999_scratch_{Guid.NewGuid():N}.sql";
        var table = "scratch_" + Guid.NewGuid().ToString("N")[..12];
        var scripts = EmbeddedScripts.For(provider).Append(new MigrationScript(name, $"CREATE TABLE {table} (x INTEGER NOT NULL);")).ToList();

        // When migrating twice
        var first = await warehouse.Engine.MigrateAsync(scripts, TestContext.Current.CancellationToken);
        var second = await warehouse.Engine.MigrateAsync(scripts, TestContext.Current.CancellationToken);

        // Then it ran once, and the journal holds its checksum
        Assert.Equal([name], first.Applied);
        Assert.Empty(second.Applied);
        var journal = await warehouse.QueryAsync("SELECT Checksum FROM SchemaVersions WHERE ScriptName = @name", TestContext.Current.CancellationToken, ("@name", name));
        Assert.Equal(ScriptChecksum.Compute($"CREATE TABLE {table} (x INTEGER NOT NULL);"), Engines.Text(journal.Single()[0])?.Trim());
        await warehouse.ExecuteAsync($"DROP TABLE {table}", TestContext.Current.CancellationToken);
        await warehouse.ExecuteAsync("DELETE FROM SchemaVersions WHERE ScriptName = @name", TestContext.Current.CancellationToken, ("@name", name));
    }
}
