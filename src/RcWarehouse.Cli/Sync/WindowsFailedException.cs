using RcWarehouse.Cli.Operations;

namespace RcWarehouse.Cli.Sync;

/// <summary>Some windows of a sync failed (each is recorded and <c>rerun --failed</c> retries it); the others loaded.</summary>
public sealed class WindowsFailedException(SyncRunSummary summary)
    : Exception($"{summary.Failures.Count} window(s) failed and are recorded (status lists them, rerun --failed retries them); first: {summary.Failures[0]}")
{
    public SyncRunSummary Summary { get; } = summary;
}
