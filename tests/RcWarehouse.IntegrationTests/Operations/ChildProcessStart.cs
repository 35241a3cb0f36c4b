using System.Diagnostics;
using System.Globalization;
using RcWarehouse.RingCx;

namespace RcWarehouse.IntegrationTests.Operations;

/// <summary>
/// How a test starts the real <c>rcwarehouse</c> executable in a process of its own: the built dll run with
/// <c>dotnet</c>, output redirected, configured only through RCW_ environment variables (the SQLite warehouse at
/// <c>databasePath</c> and the first source of <c>ringCx</c>), as an operator's deployment would.
/// </summary>
internal static class ChildProcessStart
{
    public static ProcessStartInfo Info(string workingDirectory, string databasePath, RingCxOptions ringCx, IEnumerable<string> args)
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

        return info;
    }

    private static string DllPath()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "rcwarehouse.dll");
        return File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "rcwarehouse.runtimeconfig.json"))
            ? beside
            : throw new FileNotFoundException("rcwarehouse.dll with its runtimeconfig was not copied next to the tests", beside);
    }
}
