using RcWarehouse.IntegrationTests.Support;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Migrations;
using RcWarehouse.Warehouse.SegmentFields;
using Xunit;

namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>
/// Upgrading in place, and the rule that only <c>migrate</c> (and <c>demo</c>) change the schema: every other command
/// checks it and says what to do, creating nothing.
/// </summary>
public sealed class SchemaUpgradeTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Connection(string path) => $"Data Source={path}";

    [Fact]
    public async Task A_warehouse_made_by_the_previous_release_migrates_in_place_rerunning_nothing_and_keeping_every_row()
    {
        // Given the SQLite warehouse the release before DbUp created and loaded the samples into (journal written by its own migrator)
        var path = _temp.File("w.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "upgrade", "release-12a5f18.db"), path);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "upgrade", "release-12a5f18.db.pii.key"), path + ".pii.key");
        var db = new SqliteQueries(path);
        // fact_segment_attribute (0009) is new and empty after the upgrade; reloading the samples fills it with the segment
        // fields the older release dropped, the one dw change a reload of old files makes.
        var starBefore = await db.DumpStarSchemaAsync("fact_segment_attribute");
        var journalBefore = await db.RowsAsync("SELECT ScriptName, Applied, Checksum FROM SchemaVersions ORDER BY ScriptName");
        var batchesBefore = await db.RowsAsync("SELECT load_batch_id, status, rows_loaded, sha256 FROM load_batch ORDER BY load_batch_id");
        Assert.Equal(3, journalBefore.Count);

        // When today's build runs migrate on it
        var run = await CliRun.InvokeAsync("migrate", "--connection", Connection(path));

        // Then only the numbered scripts that release did not have ran, the views were journaled once, and every row is as it was
        Assert.True(run.ExitCode == 0, run.ToString());
        var newer = EmbeddedScripts.For(WarehouseProvider.Sqlite)
            .Where(s => !s.IsView && !journalBefore.Any(r => (string)r[0]! == s.Name))
            .Select(s => s.Name)
            .ToList();
        Assert.Contains(
            newer.Count == 0 ? "schema is up to date" : $"applied {newer.Count} migration(s): {string.Join(", ", newer)}",
            run.Out,
            StringComparison.Ordinal);
        Assert.DoesNotContain("0001_initial.sql", run.Out, StringComparison.Ordinal);
        Assert.Contains("applied 6 view(s)", run.Out, StringComparison.Ordinal); // the five files of views/ and the generated v_segment_labeled
        Assert.Equal(starBefore, WithoutAgentStats(await db.DumpStarSchemaAsync("fact_segment_attribute")));
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_segment_attribute"));
        Assert.Equal(batchesBefore, await db.RowsAsync("SELECT load_batch_id, status, rows_loaded, sha256 FROM load_batch ORDER BY load_batch_id"));
        var journalAfter = await db.RowsAsync("SELECT ScriptName, Applied, Checksum FROM SchemaVersions ORDER BY ScriptName");
        Assert.Equal(journalBefore, journalAfter.Where(r => journalBefore.Any(b => Equals(b[0], r[0]))));
        Assert.Equal(newer, journalAfter.Select(r => (string)r[0]!).Where(n => !n.StartsWith("views/", StringComparison.Ordinal) && !journalBefore.Any(b => Equals(b[0], n))));
        Assert.Equal(6, journalAfter.Count(r => ((string)r[0]!).StartsWith("views/", StringComparison.Ordinal))); // the 5 files and the generated v_segment_labeled

        // and the upgraded warehouse works: status reads it, reloading the samples changes no dw row, migrating again does nothing
        Assert.Equal(0, (await CliRun.InvokeAsync("status", "--connection", Connection(path))).ExitCode);
        var reload = await CliRun.InvokeAsync("load-files", RepoPaths.Samples, "--connection", Connection(path));
        Assert.True(reload.ExitCode == 0, reload.ToString());
        Assert.Equal(starBefore, WithoutAgentStats(await db.DumpStarSchemaAsync("fact_segment_attribute")));
        Assert.Equal(32L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_agent_interval"));
        var again = await CliRun.InvokeAsync("migrate", "--connection", Connection(path));
        Assert.Contains("schema is up to date", again.Out, StringComparison.Ordinal);
        Assert.Contains("views are current", again.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("load-files", "SAMPLES")]
    [InlineData("rerun", "--failed")]
    public async Task A_command_other_than_migrate_on_a_missing_warehouse_refuses_and_creates_nothing(params string[] args)
    {
        // Given a path where no warehouse exists (a mistyped --connection)
        var path = Path.Combine(_temp.Path, "typo", "warehuose.db");

        // When a command other than migrate runs against it
        var run = await CliRun.InvokeAsync([.. args.Select(a => a == "SAMPLES" ? RepoPaths.Samples : a), "--connection", Connection(path)]);

        // Then it exits non-zero with one line saying to run migrate, and neither the file nor its folder appeared
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("run `rcwarehouse migrate` first", line, StringComparison.Ordinal);
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public async Task An_empty_database_file_is_refused_as_not_migrated_and_is_left_without_tables()
    {
        // Given an existing but empty SQLite file
        var path = _temp.File("empty.db");
        await File.WriteAllBytesAsync(path, [], TestContext.Current.CancellationToken);

        // When status runs, then it says to migrate and creates no table
        var run = await CliRun.InvokeAsync("status", "--connection", Connection(path));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("has no schema yet: run `rcwarehouse migrate` first", run.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await new SqliteQueries(path).ScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master"));
    }

    [Fact]
    public async Task A_warehouse_behind_this_release_is_refused_by_status_and_brought_current_by_migrate()
    {
        // Given a migrated warehouse whose journal lacks this release's newest view (as after an older release)
        var path = _temp.File("w.db");
        await CliRun.MigrateAsync(Connection(path));
        var db = new SqliteQueries(path);
        await ExecuteAsync(path, "DELETE FROM SchemaVersions WHERE ScriptName = 'views/v_segment.sql'");

        // When status runs, then it names what is missing and says to migrate
        var status = await CliRun.InvokeAsync("status", "--connection", Connection(path));
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("behind this rcwarehouse (views/v_segment.sql not applied): run `rcwarehouse migrate`", status.Error, StringComparison.Ordinal);

        // and migrate applies exactly that view, after which status works
        var migrate = await CliRun.InvokeAsync("migrate", "--connection", Connection(path));
        Assert.Contains("applied 1 view(s): views/v_segment.sql", migrate.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRun.InvokeAsync("status", "--connection", Connection(path))).ExitCode);
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM SchemaVersions WHERE ScriptName = 'views/v_segment.sql'"));
    }

    [Fact]
    public async Task A_warehouse_migrated_by_a_newer_release_is_refused_by_every_command_including_migrate()
    {
        // Given a warehouse whose journal records a script this release does not know
        var path = _temp.File("w.db");
        await CliRun.MigrateAsync(Connection(path));
        await ExecuteAsync(path, "INSERT INTO SchemaVersions (ScriptName, Applied, Checksum) VALUES ('9000_from_the_future.sql', '2027-01-01 00:00:00.000', '" + new string('a', 64) + "')");
        await ExecuteAsync(path, "DROP VIEW v_queue_interval; CREATE VIEW v_queue_interval AS SELECT 'newer' AS marker");

        // When migrate and status run, then both refuse naming the script, and migrate re-applied no older view
        foreach (var command in new[] { "migrate", "status" })
        {
            var run = await CliRun.InvokeAsync(command, "--connection", Connection(path));
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("The warehouse is newer than this rcwarehouse", run.Error, StringComparison.Ordinal);
            Assert.Contains("9000_from_the_future.sql", run.Error, StringComparison.Ordinal);
        }

        Assert.Equal("newer", await new SqliteQueries(path).ScalarAsync<string>("SELECT marker FROM v_queue_interval"));
    }

    [Fact]
    public async Task Two_migrators_racing_on_a_fresh_file_apply_each_script_exactly_once()
    {
        // Given two warehouse objects (two migrators) on one new file
        var path = _temp.File("race.db");
        var options = new WarehouseOptions { ConnectionString = Connection(path) };
        await using var first = WarehouseFactory.Create(options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await using var second = WarehouseFactory.Create(options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        // When both migrate at once
        var results = await Task.WhenAll(first.MigrateAsync(TestContext.Current.CancellationToken), second.MigrateAsync(TestContext.Current.CancellationToken));

        // Then between them every script ran once, one of them did all the work, and the journal has one row per script
        var scripts = SegmentLabelView.With(EmbeddedScripts.For(WarehouseProvider.Sqlite), WarehouseProvider.Sqlite, options.SegmentLabels);
        Assert.Equal(scripts.Count(s => !s.IsView), results.Sum(r => r.Applied.Count));
        Assert.Equal(scripts.Count(s => s.IsView), results.Sum(r => r.ViewsApplied.Count));
        Assert.Contains(results, r => r.Applied.Count == 0 && r.ViewsApplied.Count == 0);
        Assert.Equal((long)scripts.Count, await new SqliteQueries(path).ScalarAsync<long>("SELECT COUNT(*) FROM SchemaVersions"));
    }

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(new SqliteQueries(path).ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    // The agent statistics tables (0008) are newer than that release: empty after the upgrade, filled by the samples' agent statistics file.
    private static string WithoutAgentStats(string dump) =>
        System.Text.RegularExpressions.Regex.Replace(dump, @"## fact_agent_interval(_measure)?\n(?:(?!## ).*\n)*", string.Empty);
}
