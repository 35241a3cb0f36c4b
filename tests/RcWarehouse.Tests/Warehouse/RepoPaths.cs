namespace RcWarehouse.Tests.Warehouse;

/// <summary>Finds the repository from the test binaries, so tests read the committed scripts and snapshots themselves.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SqlFolder(string engine) => Path.Combine(Root, "sql", engine);

    public static string SnapshotFolder => Path.Combine(Root, "tests", "RcWarehouse.Tests", "Warehouse", "Snapshots");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "sql", "sqlserver")) && Directory.Exists(Path.Combine(dir.FullName, "tests")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (a folder with sql/sqlserver) above {AppContext.BaseDirectory}.");
    }
}
