using DbUp.SqlServer;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>Splits a SQL Server script into batches exactly as migrations run it: with DbUp's own splitter.</summary>
internal static class TSqlBatches
{
    private static readonly SqlConnectionManager Splitter = new("Server=unused");

    public static IReadOnlyList<string> Split(string script) => [.. Splitter.SplitScriptIntoCommands(script)];
}
