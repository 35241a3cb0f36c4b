using System.Diagnostics;
using System.Globalization;
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
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath());
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

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
        env["RCW_RingCx__Sources__0__Name"] = source.Name;
        env["RCW_RingCx__Sources__0__ClientId"] = source.ClientId;
        env["RCW_RingCx__Sources__0__ClientSecret"] = source.ClientSecret;
        env["RCW_RingCx__Sources__0__Jwt"] = source.Jwt;
        env["RCW_RingCx__Sources__0__ApiGeneration"] = source.ApiGeneration.ToString();
        for (var i = 0; i < source.SubAccountIds.Count; i++)
        {
            env[string.Create(CultureInfo.InvariantCulture, $"RCW_RingCx__Sources__0__SubAccountIds__{i}")] = source.SubAccountIds[i];
        }

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

    private static string DllPath()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "rcwarehouse.dll");
        return File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "rcwarehouse.runtimeconfig.json"))
            ? beside
            : throw new FileNotFoundException("rcwarehouse.dll with its runtimeconfig was not copied next to the tests", beside);
    }
}
