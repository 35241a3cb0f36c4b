using System.Runtime.InteropServices;
using RcWarehouse.Cli;

using var cancellation = new CancellationTokenSource();

// Ctrl+C and SIGTERM (docker stop, systemd, Kubernetes) both ask the batch in flight to roll back and the command to
// stop; a second Ctrl+C kills the process. The `run` host registers its own handling on top of this.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

return await CliApp.RunAsync(args, new CliConsole(Console.Out, Console.Error, !Console.IsErrorRedirected), TimeProvider.System, cancellation.Token);
