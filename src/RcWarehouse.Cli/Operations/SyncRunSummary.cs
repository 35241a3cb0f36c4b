using RcWarehouse.Cli.Sync;

namespace RcWarehouse.Cli.Operations;

/// <summary>
/// What one scheduled or operator run did: windows published, windows skipped as already loaded, failures (each one
/// recorded in <c>etl.load_batch</c>), and the files landed and loaded.
/// </summary>
public sealed record SyncRunSummary(int WindowsLoaded, int WindowsSkipped, IReadOnlyList<WindowFailure> Failures)
{
    public bool Succeeded => Failures.Count == 0;

    public IReadOnlyList<SyncedFile> Files { get; init; } = [];

    public static SyncRunSummary Combine(IEnumerable<SyncRunSummary> parts)
    {
        var list = parts.ToList();
        return new SyncRunSummary(list.Sum(p => p.WindowsLoaded), list.Sum(p => p.WindowsSkipped), [.. list.SelectMany(p => p.Failures)])
        {
            Files = [.. list.SelectMany(p => p.Files)],
        };
    }
}

/// <summary>A window (or a whole source and report, when <paramref name="Window"/> is null) that failed, with the reason.</summary>
public sealed record WindowFailure(string SourceName, string SubAccountId, string Report, string? Window, string Error)
{
    public override string ToString() => $"{SourceName}/{SubAccountId} {Report}{(Window is null ? "" : " " + Window)}: {Error}";
}
