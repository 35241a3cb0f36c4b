using System.Reflection;

namespace RcWarehouse.Warehouse.Migrations;

/// <summary>Reads the scripts embedded from <c>sql/{engine}/</c> (resource names <c>sql/sqlite/0001_initial.sql</c>, ...).</summary>
internal static class EmbeddedScripts
{
    public static IReadOnlyList<MigrationScript> For(WarehouseProvider provider)
    {
        var prefix = provider switch
        {
            WarehouseProvider.Sqlite => "sql/sqlite/",
            WarehouseProvider.SqlServer => "sql/sqlserver/",
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };

        var assembly = typeof(EmbeddedScripts).Assembly;
        var scripts = new List<MigrationScript>();

        // MSBuild may write the recursive directory with either separator depending on the build host.
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var name = resource.Replace('\\', '/');
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            scripts.Add(new MigrationScript(name[prefix.Length..], Read(assembly, resource)));
        }

        return [.. scripts.OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded script {resource} cannot be opened.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
