using RcWarehouse.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C asks the batch in flight to roll back and stop; a second one kills the process.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

return await CliApp.RunAsync(args, new CliConsole(Console.Out, Console.Error), TimeProvider.System, cancellation.Token);
