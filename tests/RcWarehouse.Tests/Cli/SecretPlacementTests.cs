using Microsoft.Extensions.Configuration;
using RcWarehouse.Cli;
using RcWarehouse.Cli.Hosting;
using Xunit;

namespace RcWarehouse.Tests.Cli;

public sealed class SecretPlacementTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rcw-secrets-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_client_secret_in_appsettings_json_is_refused_naming_the_key_but_not_the_value()
    {
        var configuration = Build("appsettings.json", """{ "RingCx": { "Sources": [ { "Name": "a", "ClientSecret": "s3cr3t-value" } ] } }""");

        var error = Assert.Throws<UsageException>(() => SecretPlacement.EnsureNotInAppSettings(configuration));

        Assert.Contains("RingCx:Sources:0:ClientSecret", error.Message, StringComparison.Ordinal);
        Assert.Contains("RCW_RingCx__Sources__0__ClientSecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_personal_data_key_in_appsettings_json_is_refused()
    {
        var configuration = Build("appsettings.json", """{ "Warehouse": { "PersonalDataSecret": "k3y" } }""");

        var error = Assert.Throws<UsageException>(() => SecretPlacement.EnsureNotInAppSettings(configuration));

        Assert.Contains("RCW_Warehouse__PersonalDataSecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("k3y", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_in_an_explicit_settings_file_and_ids_in_appsettings_json_are_accepted()
    {
        var configuration = Build("appsettings.json", """{ "RingCx": { "Sources": [ { "Name": "a", "ClientId": "id-1" } ] } }""", ("mounted.json", """{ "RingCx": { "Sources": [ { "Jwt": "ey.x.y" } ] } }"""));

        SecretPlacement.EnsureNotInAppSettings(configuration);

        Assert.Equal("ey.x.y", configuration["RingCx:Sources:0:Jwt"]);
    }

    private IConfigurationRoot Build(string name, string json, params (string Name, string Json)[] more)
    {
        var builder = new ConfigurationBuilder();
        foreach (var (file, text) in new[] { (name, json) }.Concat(more))
        {
            var path = Path.Combine(_folder, file);
            File.WriteAllText(path, text);
            builder.AddJsonFile(path, optional: false);
        }

        return builder.Build();
    }
}
