using System.Diagnostics;
using RcWarehouse.RingCx;

namespace RcWarehouse.IntegrationTests.Operations;

/// <summary>
/// The real <c>rcwarehouse</c> executable (the built dll run with <c>dotnet</c>) in its own process, configured
/// through RCW_ environment variables, so a test can kill it like an operator's crash would.
/// </summary>
internal sealed class ChildCli : IDisposable
{
    private readonly Process _process;

    private ChildCli(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    public static ChildCli Start(string workingDirectory, string databasePath, RingCxOptions ringCx, params string[] args)
    {
        var info = ChildProcessStart.Info(workingDirectory, databasePath, ringCx, args);
        return new ChildCli(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    public async Task<(int ExitCode, string Out, string Error)> WaitAsync(CancellationToken cancellationToken)
    {
        var output = _process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = _process.StandardError.ReadToEndAsync(cancellationToken);
        await _process.WaitForExitAsync(cancellationToken);
        return (_process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
