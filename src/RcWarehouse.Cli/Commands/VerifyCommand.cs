using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Verification;
using Spectre.Console;

namespace RcWarehouse.Cli.Commands;

/// <summary><c>verify</c>: reconciles the reports against each other and finds gaps; exit 1 when anything is beyond its tolerance.</summary>
public static class VerifyCommand
{
    private const int FindingsShown = 50;

    private static readonly Option<string?> Source = new("--source")
    {
        Description = "Only this source: its name or sub-account id as recorded in the warehouse (default: every source loaded).",
    };

    private static readonly Option<string?> From = new Option<string?>("--from") { Description = "Start of the span to verify, UTC (default: the first load)." }.UtcDate();

    private static readonly Option<string?> To = new Option<string?>("--to") { Description = "End of the span, UTC, exclusive (default: now)." }.UtcDate();

    private static readonly Option<bool> Json = new("--json") { Description = "Write the checks and findings as JSON (for scripts and monitoring)." };

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command(
            "verify",
            "Reconcile the reports against each other (answered calls and talk time, segments) and find missing, provisional and inferred data; exit 1 beyond the Verify: tolerances.")
        {
            Source, From, To, Json,
        };
        command.SetAction(action);
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.ParseResult;
        DateTime? from = parse.GetValue(From) is { } f ? CommandValues.ParseUtc("--from", f) : null;
        DateTime? to = parse.GetValue(To) is { } t ? CommandValues.ParseUtc("--to", t) : null;
        if (from is { } a && to is { } b && b <= a)
        {
            throw new UsageException("--to must be after --from");
        }

        var options = ConfigurationBinding.Bind<VerifyOptions>(context.Configuration, VerifyOptions.SectionName);
        var operations = StatusCommand.Options(context.Configuration);
        await using var warehouse = context.CreateWarehouse();
        await warehouse.EnsureSchemaCurrentAsync(cancellationToken);
        var report = await VerifyService.BuildAsync(
            warehouse, options, operations.NightlyLookBackDays, context.Time, parse.GetValue(Source), from, to, cancellationToken);

        if (parse.GetValue(Json))
        {
            await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(report, JsonOptions));
        }
        else
        {
            Render(context.Console.Out, report);
        }

        if (report.Passed)
        {
            return ExitCodes.Success;
        }

        var failed = report.Checks.Where(c => !c.Passed).ToList();
        // Bounded like every error line: many sources x checks x reports would otherwise make it any length. Not
        // "error:", which the command boundary writes when verify could not run: both exit 1, the line tells them apart.
        await context.Console.Error.WriteLineAsync(Core.Errors.ErrorText.Bound(
            $"verify: {failed.Count} check(s) beyond tolerance: {string.Join(", ", failed.Select(c => $"{c.Check} ({c.SourceName ?? c.SourceId}{(c.Report is null ? "" : " " + c.Report)})"))}"));
        return ExitCodes.Failure;
    }

    private static void Render(TextWriter writer, VerifyReport report)
    {
        var console = TableConsole.For(writer);
        if (report.Checks.Count == 0)
        {
            console.WriteLine("verify: nothing loaded to verify");
            return;
        }

        console.WriteLine($"verify {Utc(report.FromUtc)} .. {Utc(report.ToUtc)} UTC at {Utc(report.GeneratedUtc)}");
        var table = new Table().AddColumns("source", "sub-account", "check", "report", "compared", "differences", "beyond tolerance", "tolerance", "result", "note");
        foreach (var c in report.Checks)
        {
            table.AddRow(
                Markup.Escape(c.SourceName ?? "-"),
                Markup.Escape(c.SourceId),
                c.Check,
                c.Report ?? "-",
                Count(c.Compared),
                Count(c.Differences),
                Count(c.BeyondTolerance),
                Markup.Escape(c.Tolerance),
                c.Passed ? "ok" : "FAILED",
                Markup.Escape(c.Note ?? ""));
        }

        console.Write(table);
        if (report.Findings.Count == 0)
        {
            console.WriteLine("no differences");
            return;
        }

        // Beyond-tolerance findings first; a broken warehouse can have thousands, --json has them all.
        var shown = report.Findings.OrderByDescending(f => f.BeyondTolerance).Take(FindingsShown).ToList();
        console.WriteLine(shown.Count == report.Findings.Count
            ? $"{report.Findings.Count} difference(s):"
            : $"{report.Findings.Count} difference(s); the first {shown.Count} (verify --json lists all):");
        var findings = new Table().AddColumns("check", "sub-account", "report", "subject", "interval (UTC)", "measure", "values", "beyond tolerance");
        foreach (var f in shown)
        {
            findings.AddRow(
                f.Check,
                Markup.Escape(f.SourceId),
                f.Report ?? "-",
                Markup.Escape(f.Subject ?? "-"),
                $"{Utc(f.FromUtc)} .. {Utc(f.ToUtc)}",
                Markup.Escape(f.Measure),
                f.Right is { } right ? $"{Number(f.Left)} vs {Number(right)}" : Number(f.Left),
                f.BeyondTolerance ? "yes" : "no");
        }

        console.Write(findings);
    }

    private static string Utc(DateTime? value) => value is { } v ? v.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
