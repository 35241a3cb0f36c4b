using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace RcWarehouse.IntegrationTests.Telemetry;

/// <summary>
/// <c>rcwarehouse run</c> (the built dll with <c>dotnet</c>) in a process of its own, its output read as it comes, so a
/// test can wait for a line (the endpoint's address) while the service keeps running. Killed on dispose.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ServiceProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rcwarehouse.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return new ServiceProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>The first match of <paramref name="pattern"/> in the output, waiting for it up to <paramref name="bound"/>.</summary>
    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan bound, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (pattern.Match(Output) is { Success: true } match)
            {
                return match;
            }

            if (_process.HasExited || deadline.Elapsed > bound)
            {
                throw new TimeoutException($"'{pattern}' did not appear (process {(_process.HasExited ? "exited" : "still running")}); output:\n{Output}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append(line).Append('\n');
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
