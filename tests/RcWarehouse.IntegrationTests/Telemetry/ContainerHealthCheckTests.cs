using System.Text.Json;
using System.Text.RegularExpressions;
using RcWarehouse.IntegrationTests.Support;
using Xunit;

namespace RcWarehouse.IntegrationTests.Telemetry;

/// <summary>
/// No Docker engine here: the image's health check is checked as far as it can be without one. It runs the health
/// command with the endpoint address the image sets, and compose runs the same.
/// </summary>
public sealed partial class ContainerHealthCheckTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_image_health_check_asks_the_endpoint_the_image_configures_and_compose_does_the_same()
    {
        // Given the Dockerfile's HEALTHCHECK and endpoint address, and compose's health check of the service
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "Dockerfile"), TestContext.Current.CancellationToken);
        var compose = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docker-compose.yml"), TestContext.Current.CancellationToken);
        var command = HealthCheck().Match(dockerfile);
        var url = HealthUrl().Match(dockerfile);
        Assert.True(command.Success && url.Success, "the Dockerfile has no HEALTHCHECK running the health command, or no RCW_Operations__Health__Url");
        Assert.Contains($"test: [\"CMD\", {command.Groups["cmd"].Value}]", compose, StringComparison.Ordinal);

        // When the health command runs with that configuration and no service is up
        var settings = _temp.File("image.json");
        await File.WriteAllTextAsync(
            settings, JsonSerializer.Serialize(new { Operations = new { Health = new { Url = url.Groups["url"].Value } } }), TestContext.Current.CancellationToken);
        var run = await CliRun.InvokeAsync("health", "--settings", settings);

        // Then it understood the configuration and asked that address: unhealthy (1), not a usage error (2)
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"health: no answer from {url.Groups["url"].Value}/healthz", run.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^HEALTHCHECK .*CMD \[(?<cmd>""dotnet"", ""/app/rcwarehouse\.dll"", ""health"")\]\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex HealthCheck();

    // The ENV instruction's continuation line, not the comment above it.
    [GeneratedRegex(@"^\s+RCW_Operations__Health__Url=(?<url>http://[0-9.]+:\d+) \\$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex HealthUrl();
}
