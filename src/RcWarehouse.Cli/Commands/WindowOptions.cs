using System.CommandLine;
using RcWarehouse.Cli.Sync;
using RcWarehouse.Core.Reports;

namespace RcWarehouse.Cli.Commands;

/// <summary>The window options shared by the commands that pull from RingCX (extract, sync).</summary>
public static class WindowOptions
{
    public static readonly Option<string> From = new Option<string>("--from")
    {
        Description = "Start of the window, UTC (2026-11-02 or 2026-11-02T08:00).",
        Required = true,
    }.UtcDate();

    public static readonly Option<string> To = new Option<string>("--to")
    {
        Description = "End of the window, UTC, exclusive.",
        Required = true,
    }.UtcDate();

    public static readonly Option<string[]> Report = new("--report")
    {
        Description = "agent-extended, queue-stats, segments, agent-stats (repeat or comma-separate; default: all four).",
        AllowMultipleArgumentsPerToken = true,
    };

    public static readonly Option<string?> Source = new("--source")
    {
        Description = "Only this configured source (its name) or sub-account id (default: every configured source).",
    };

    public static void AddTo(Command command)
    {
        command.Add(From);
        command.Add(To);
        command.Add(Report);
        command.Add(Source);
    }

    public static SyncRequest Parse(ParseResult parseResult)
    {
        var from = CommandValues.ParseUtc("--from", parseResult.GetRequiredValue(From));
        var to = CommandValues.ParseUtc("--to", parseResult.GetRequiredValue(To));
        return new SyncRequest(from, to, Reports(parseResult.GetValue(Report)), parseResult.GetValue(Source));
    }

    public static IReadOnlyList<ReportKind> Reports(string[]? values)
    {
        var names = (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (names.Count == 0)
        {
            return ReportKindNames.All;
        }

        return names
            .Select(n => ReportKindNames.TryParse(n, out var kind) ? kind : throw new UsageException($"--report '{n}': expected agent-extended, queue-stats, segments or agent-stats"))
            .Distinct()
            .ToList();
    }
}
