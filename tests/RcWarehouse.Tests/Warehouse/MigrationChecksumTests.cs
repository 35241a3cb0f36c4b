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

        var ex = Assert.Throws<InvalidOperationException>(() => Migrator.EnsureUnchanged([edited, new MigrationScript("0002_next.sql", "SELECT 1;")], journal));

        Assert.Contains("0001_initial.sql", ex.Message, StringComparison.Ordinal);
        Assert.Contains(original.Checksum, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnchangedAndNewScripts_PassTheCheck()
    {
        var applied = new MigrationScript("0001_initial.sql", "CREATE TABLE a (x INTEGER);");
        var journal = new Dictionary<string, string> { ["0001_initial.sql"] = applied.Checksum.ToUpperInvariant() };

        Migrator.EnsureUnchanged([applied, new MigrationScript("0002_next.sql", "SELECT 1;")], journal);
    }

    [Fact]
    public void ScriptsUnderViews_AreViewScripts()
    {
        Assert.True(new MigrationScript("views/v_queue_interval.sql", "").IsView);
        Assert.False(new MigrationScript("0001_initial.sql", "").IsView);
    }
}
