using System.Text.Json;
using RcWarehouse.Simulator;

namespace RcWarehouse.IntegrationTests.Support;

/// <summary>Writes a <c>--settings</c> file that points the command line at a simulator, one source per entry.</summary>
internal static class CliSettingsFile
{
    public static string Write(string path, SimulatorHost simulator, string landingPath, params object[] sources)
    {
        var url = simulator.BaseUrl.ToString();
        var settings = new
        {
            RingCx = new
            {
                PlatformUrl = url,
                RingCxUrl = url,
                LandingPath = landingPath,
                RateLimit = SimulatorFixture.RelaxedRateLimit,
                RetryBaseDelay = "00:00:00.050",
                Sources = sources,
            },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(settings));
        return path;
    }

    public static object Source(SimulatorHost simulator, string name, string subAccountId, string generation, string format = "csv", string timeZone = "UTC") => new
    {
        Name = name,
        simulator.Credentials.ClientId,
        simulator.Credentials.ClientSecret,
        simulator.Credentials.Jwt,
        SubAccountIds = new[] { subAccountId },
        ApiGeneration = generation,
        ReportFormat = format,
        TimeZone = timeZone,
    };
}
