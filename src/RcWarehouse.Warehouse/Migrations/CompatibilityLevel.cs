using System.Globalization;

namespace RcWarehouse.Warehouse.Migrations;

/// <summary>
/// SQL Server runs the warehouse's statements only at database compatibility level 130 or higher: OPENJSON (segment
/// events, calendar rows) and DROP TABLE IF EXISTS are unknown below it. <c>migrate</c> checks before it changes anything.
/// </summary>
internal static class CompatibilityLevel
{
    public const int Required = 130;

    /// <summary>Why the database cannot hold the warehouse, with the statement that fixes it; null when it can.</summary>
    public static string? Problem(int level, string database) =>
        level >= Required
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"Database '{database}' runs at compatibility level {level}; the warehouse needs {Required} or higher (OPENJSON). " +
                $"Raise it with: ALTER DATABASE [{database.Replace("]", "]]", StringComparison.Ordinal)}] SET COMPATIBILITY_LEVEL = 150; then run migrate again.");
}
