using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace RcWarehouse.Cli.Hosting;

/// <summary>
/// Secrets (client secret, JWT, the personal-data HMAC key) must come from environment variables, user secrets or an explicit <c>--settings</c>
/// file (for example one mounted from a secret store), never from appsettings.json, which is deployed and often committed.
/// </summary>
public static class SecretPlacement
{
    private static readonly string[] SecretKeys = ["ClientSecret", "Jwt"];

    public static void EnsureNotInAppSettings(IConfigurationRoot configuration)
    {
        foreach (var provider in configuration.Providers.OfType<JsonConfigurationProvider>())
        {
            if (!string.Equals(Path.GetFileName(provider.Source.Path), "appsettings.json", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            Refuse(provider, "Warehouse:PersonalDataSecret", "RCW_Warehouse__PersonalDataSecret");
            foreach (var index in provider.GetChildKeys([], "RingCx:Sources").Distinct(StringComparer.Ordinal))
            {
                foreach (var key in SecretKeys)
                {
                    Refuse(provider, $"RingCx:Sources:{index}:{key}", $"RCW_RingCx__Sources__{index}__{key}");
                }
            }
        }
    }

    private static void Refuse(JsonConfigurationProvider provider, string path, string environmentVariable)
    {
        if (provider.TryGet(path, out var value) && !string.IsNullOrEmpty(value))
        {
            throw new UsageException(
                $"{path} is set in appsettings.json; secrets must come from environment variables ({environmentVariable}), user secrets or a --settings file");
        }
    }
}
