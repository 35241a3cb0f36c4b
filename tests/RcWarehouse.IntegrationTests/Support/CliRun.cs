using RcWarehouse.Cli;
using Xunit;

namespace RcWarehouse.IntegrationTests.Support;

internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs the command line in-process, exactly as the executable would, with its output captured.</summary>
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new CliConsole(output, error), TimeProvider.System, TestContext.Current.CancellationToken);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>migrate</c> on <paramref name="connection"/> (only migrate and demo create a warehouse) and asserts it succeeded.</summary>
    public static async Task MigrateAsync(string connection)
    {
        var run = await InvokeAsync("migrate", "--connection", connection);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
