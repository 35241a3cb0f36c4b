using Spectre.Console;

namespace RcWarehouse.Cli.Commands;

/// <summary>Plain (no colour, no cursor control) Spectre console for the operator commands' tables.</summary>
internal static class TableConsole
{
    public static IAnsiConsole For(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });

        // Redirected output (a log, a file, a pipe) has no width; Spectre would assume 80 columns and wrap every cell.
        if (!IsTerminal(writer))
        {
            console.Profile.Width = 200;
        }

        return console;
    }

    public static bool IsTerminal(TextWriter writer) => ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
}
