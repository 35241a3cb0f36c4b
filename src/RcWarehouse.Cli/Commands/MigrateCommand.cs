using System.CommandLine;
using RcWarehouse.Cli.Hosting;

namespace RcWarehouse.Cli.Commands;

public static class MigrateCommand
{
    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command("migrate", "Create or upgrade the warehouse schema, and apply the views whose definition changed.");
        command.SetAction(action);
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await using var warehouse = context.CreateWarehouse();
        var result = await warehouse.MigrateAsync(cancellationToken);
        await context.Console.Out.WriteLineAsync(result.Applied.Count == 0
            ? "schema is up to date"
            : $"applied {result.Applied.Count} migration(s): {string.Join(", ", result.Applied)}");
        await context.Console.Out.WriteLineAsync(result.ViewsApplied.Count == 0
            ? "views are current"
            : $"applied {result.ViewsApplied.Count} view(s): {string.Join(", ", result.ViewsApplied)}");
        return ExitCodes.Success;
    }
}
