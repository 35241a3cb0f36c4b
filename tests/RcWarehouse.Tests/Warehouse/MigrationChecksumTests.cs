using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Migrations;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

public sealed class MigrationChecksumTests
{
    [Fact]
    public void Checksum_IsLowerCaseSha256OfTheUtf8Text()
    {
        // SHA-256("abc"), the FIPS 180-2 test vector
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ScriptChecksum.Compute("abc"));
    }

    [Fact]
    public void LineEndings_DoNotChangeTheChecksum()
    {
        Assert.Equal(ScriptChecksum.Compute("SELECT 1;\nSELECT 2;\n"), ScriptChecksum.Compute("SELECT 1;\r\nSELECT 2;\r\n"));
        Assert.Equal(ScriptChecksum.Compute("SELECT 1;\n"), ScriptChecksum.Compute("\uFEFFSELECT 1;\n"));
    }

    [Fact]
    public void AnyOtherEdit_ChangesTheChecksum()
    {
        Assert.NotEqual(ScriptChecksum.Compute("SELECT 1;\n"), ScriptChecksum.Compute("SELECT 1; \n"));
        Assert.NotEqual(ScriptChecksum.Compute("SELECT 1;\n"), ScriptChecksum.Compute("select 1;\n"));
    }

    [Fact]
    public void EditedAppliedScript_IsRefusedNamingIt()
    {
        var original = new MigrationScript("0001_initial.sql", "CREATE TABLE a (x INTEGER);");
        var edited = original with { Text = "CREATE TABLE a (x INTEGER, y INTEGER);" };
        var journal = new Dictionary<string, string> { ["0001_initial.sql"] = original.Checksum };

        var plan = MigrationPlan.Create([edited, new MigrationScript("0002_next.sql", "SELECT 1;")], journal);
        var ex = Assert.Throws<WarehouseSchemaException>(() => plan.ThrowIfRefused(journal));

        Assert.Contains("0001_initial.sql", ex.Message, StringComparison.Ordinal);
        Assert.Contains(original.Checksum, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnchangedAndNewScripts_PassTheCheckAndOnlyTheNewOneIsPending()
    {
        var applied = new MigrationScript("0001_initial.sql", "CREATE TABLE a (x INTEGER);");
        var journal = new Dictionary<string, string> { ["0001_initial.sql"] = applied.Checksum.ToUpperInvariant() };

        var plan = MigrationPlan.Create([applied, new MigrationScript("0002_next.sql", "SELECT 1;")], journal);
        plan.ThrowIfRefused(journal);

        Assert.Equal(["0002_next.sql"], plan.Pending.Select(s => s.Name));
    }

    [Fact]
    public void JournalEntryThisReleaseDoesNotKnow_IsRefusedAsANewerWarehouse()
    {
        var applied = new MigrationScript("0001_initial.sql", "CREATE TABLE a (x INTEGER);");
        var journal = new Dictionary<string, string> { ["0001_initial.sql"] = applied.Checksum, ["0002_from_the_future.sql"] = new string('0', 64) };

        var plan = MigrationPlan.Create([applied], journal);
        var ex = Assert.Throws<WarehouseSchemaException>(() => plan.ThrowIfRefused(journal));

        Assert.Contains("newer than this rcwarehouse", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0002_from_the_future.sql", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void View_IsPendingWhenNewOrChangedAndNotWhenUnchanged_AfterTheNumberedScripts()
    {
        var unchanged = new MigrationScript("views/v_a.sql", "CREATE VIEW v_a AS SELECT 1 AS x;");
        var changed = new MigrationScript("views/v_b.sql", "CREATE VIEW v_b AS SELECT 2 AS x;");
        var added = new MigrationScript("views/v_c.sql", "CREATE VIEW v_c AS SELECT 3 AS x;");
        var numbered = new MigrationScript("0002_next.sql", "SELECT 1;");
        var journal = new Dictionary<string, string>
        {
            [unchanged.Name] = unchanged.Checksum,
            [changed.Name] = ScriptChecksum.Compute("CREATE VIEW v_b AS SELECT 1 AS x;"),
        };

        var plan = MigrationPlan.Create([added, changed, unchanged, numbered], journal);
        plan.ThrowIfRefused(journal);

        Assert.Equal(["0002_next.sql", "views/v_b.sql", "views/v_c.sql"], plan.Pending.Select(s => s.Name));
    }

    [Fact]
    public void ScriptsUnderViews_AreViewScripts()
    {
        Assert.True(new MigrationScript("views/v_queue_interval.sql", "").IsView);
        Assert.False(new MigrationScript("0001_initial.sql", "").IsView);
    }
}
