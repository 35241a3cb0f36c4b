using System.Diagnostics;
using System.Globalization;
using RcWarehouse.RingCx;

namespace RcWarehouse.IntegrationTests.Operations;

/// <summary>
/// One <c>rcwarehouse run --verbose</c> node in its own process (the built dll run with <c>dotnet</c>), configured through
/// RCW_ environment variables, its standard output and error read as they come (a long-running service would otherwise
/// fill the pipe and stall), so a test can watch its log lines and kill it at the moment it chooses.
/// </summary>
internal sealed class RunNode : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private RunNode(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Standard output and error, line by line, in the order they were read.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public static RunNode Start(string name, string workingDirectory, string databasePath, RingCxOptions ringCx, IReadOnlyDictionary<string, string> settings)
    {
        var info = ChildProcessStart.Info(workingDirectory, databasePath, ringCx, ["run", "--verbose"]);
        info.Environment["RCW_RingCx__RequestTimeout"] = ringCx.RequestTimeout.ToString("c", CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var node = new RunNode(name, process);
        process.OutputDataReceived += (_, e) => node.Add(e.Data);
        process.ErrorDataReceived += (_, e) => node.Add(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet did not start");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>SIGKILL: the node dies at once, as in a power cut; nothing of it runs on.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(cancellationToken);
    }

    public override string ToString() => $"node {Name} (pid {Id}):\n{string.Join('\n', Lines)}";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
