using RcWarehouse.Warehouse.Migrations;
using RcWarehouse.Warehouse.SqlServer;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>SQL Server cannot run here, so every script and every statement the engine sends is at least parsed as T-SQL 160 (SqlServerModelTests then resolves every name against the schema).</summary>
public sealed class SqlServerSyntaxTests
{
    public static TheoryData<string> ScriptFiles() => [.. ScriptNamesOnDisk()];

    public static TheoryData<string> StatementNames()
    {
        var data = new TheoryData<string>();
        foreach (var statement in SqlServerStatements.All())
        {
            data.Add(statement.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScriptFiles))]
    public void Script_ParsesWithoutErrors(string script)
    {
        // Given a migration or view script, split into batches as the migrator does
        var text = File.ReadAllText(Path.Combine(RepoPaths.SqlFolder("sqlserver"), script));
        var batches = TSqlBatches.Split(text);
        Assert.NotEmpty(batches);

        // Then every batch parses
        foreach (var batch in batches)
        {
            var (_, errors) = TSql.Parse(batch);
            Assert.True(errors.Count == 0, $"{script}: {TSql.Describe(errors)}\n{batch}");
        }
    }

    [Theory]
    [MemberData(nameof(StatementNames))]
    public void Statement_ParsesWithoutErrors(string name)
    {
        var statement = SqlServerStatements.All().Single(s => s.Name == name);
        var (_, errors) = TSql.Parse(statement.Text);
        Assert.True(errors.Count == 0, $"{name}: {TSql.Describe(errors)}\n{statement.Text}");
    }

    [Fact]
    public void EmbeddedScripts_MatchTheFilesOnDisk()
    {
        // The engine migrates from embedded resources; the files are what reviewers read. They must be the same set.
        var embedded = EmbeddedScripts.For(RcWarehouse.Warehouse.WarehouseProvider.SqlServer).Select(s => s.Name).ToArray();
        var onDisk = ScriptNamesOnDisk();
        Assert.Equal(onDisk, embedded);
        Assert.Contains("0001_initial.sql", embedded);
        Assert.Contains("views/v_queue_interval.sql", embedded);
    }

    private static string[] ScriptNamesOnDisk() =>
    [
        .. Directory.EnumerateFiles(RepoPaths.SqlFolder("sqlserver"), "*.sql", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(RepoPaths.SqlFolder("sqlserver"), file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void Statements_HaveUniqueNames()
    {
        var names = SqlServerStatements.All().Select(s => s.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }
}
