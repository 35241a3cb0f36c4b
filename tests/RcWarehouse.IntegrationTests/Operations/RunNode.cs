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
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath());
        info.ArgumentList.Add("run");
        info.ArgumentList.Add("--verbose");

        var source = ringCx.Sources[0];
        var env = info.Environment;
        env["RCW_Warehouse__Provider"] = "Sqlite";
        env["RCW_Warehouse__ConnectionString"] = $"Data Source={databasePath}";
        env["RCW_Warehouse__PersonalDataSecret"] = OperationsHarness.PersonalDataSecret;
        env["RCW_RingCx__PlatformUrl"] = ringCx.PlatformUrl;
        env["RCW_RingCx__RingCxUrl"] = ringCx.RingCxUrl;
        env["RCW_RingCx__LandingPath"] = ringCx.LandingPath;
        env["RCW_RingCx__RateLimit"] = ringCx.RateLimit;
        env["RCW_RingCx__AuthRateLimit"] = ringCx.AuthRateLimit;
        env["RCW_RingCx__RateLimitMargin"] = ringCx.RateLimitMargin.ToString("c", CultureInfo.InvariantCulture);
        env["RCW_RingCx__RequestTimeout"] = ringCx.RequestTimeout.ToString("c", CultureInfo.InvariantCulture);
        env["RCW_RingCx__Sources__0__Name"] = source.Name;
        env["RCW_RingCx__Sources__0__ClientId"] = source.ClientId;
        env["RCW_RingCx__Sources__0__ClientSecret"] = source.ClientSecret;
        env["RCW_RingCx__Sources__0__Jwt"] = source.Jwt;
        env["RCW_RingCx__Sources__0__ApiGeneration"] = source.ApiGeneration.ToString();
        for (var i = 0; i < source.SubAccountIds.Count; i++)
        {
            env[string.Create(CultureInfo.InvariantCulture, $"RCW_RingCx__Sources__0__SubAccountIds__{i}")] = source.SubAccountIds[i];
        }

        foreach (var (key, value) in settings)
        {
            env[key] = value;
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

    private static string DllPath()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "rcwarehouse.dll");
        return File.Exists(beside) ? beside : throw new FileNotFoundException("rcwarehouse.dll was not copied next to the tests", beside);
    }
}
