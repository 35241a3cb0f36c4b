using System.CommandLine;
using System.Globalization;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Sync;

namespace RcWarehouse.Cli.Commands;

/// <summary><c>sync-reference</c>: land the agents, supervisors, queues and memberships of each sub-account and load them into the dimensions.</summary>
public static class SyncReferenceCommand
{
    private static readonly Option<string?> Source = new("--source")
    {
        Description = "Only this configured source (its name) or sub-account id (default: every configured source).",
    };

    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command("sync-reference", "Pull agents, supervisors, queues and queue members from RingCX, land them, and load them into the dimensions.")
        {
            Source,
        };
        command.SetAction(action);
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await using var session = await context.OpenRingCxAsync(withWarehouse: true, cancellationToken);
        var results = await session.Reference.SyncAsync(context.ParseResult.GetValue(Source), cancellationToken);
        await WriteAsync(context.Console.Out, results);
        return ExitCodes.Success;
    }

    public static async Task WriteAsync(TextWriter writer, IReadOnlyList<ReferenceSyncResult> results)
    {
        foreach (var r in results.OrderBy(r => r.SourceName, StringComparer.Ordinal).ThenBy(r => r.SubAccountId, StringComparer.Ordinal))
        {
            var load = r.Load is { } l
                ? string.Create(
                    CultureInfo.InvariantCulture,
                    $"batch {l.LoadBatchId}: {l.AgentsAdded} agents added, {l.AgentsVersioned} versioned, {l.AgentsCompleted} completed; {l.QueuesAdded} queues added, {l.QueuesVersioned} versioned, {l.QueuesCompleted} completed; {l.SegmentsResolved} segments resolved{(l.Stale ? " (older than the last snapshot: skipped)" : string.Empty)}")
                : "not loaded";
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"reference {r.SourceName}/{r.SubAccountId}: {r.Files.Count} file(s) landed; {load}"));
        }
    }
}
