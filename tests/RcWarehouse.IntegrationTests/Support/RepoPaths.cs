namespace RcWarehouse.IntegrationTests.Support;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RcWarehouse.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RcWarehouse.sln not found above " + AppContext.BaseDirectory);
    }
}
