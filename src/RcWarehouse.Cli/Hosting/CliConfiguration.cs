using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace RcWarehouse.Cli.Hosting;

/// <summary>
/// appsettings.json (next to the executable, then in the working directory), then the <c>--settings</c> file, then user
/// secrets, then environment variables prefixed RCW_ (RCW_Warehouse__Provider=SqlServer), then the command line's global options.
/// </summary>
public static class CliConfiguration
{
    public static IConfigurationRoot Build(ParseResult parseResult)
    {
        IConfigurationBuilder builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        if (parseResult.GetValue(GlobalOptions.Settings) is { } settings)
        {
            builder.AddJsonFile(Path.GetFullPath(settings), optional: false);
        }

        builder
            .AddUserSecrets(typeof(CliConfiguration).Assembly, optional: true)
            .AddEnvironmentVariables("RCW_");

        var overrides = new Dictionary<string, string?>();
        if (parseResult.GetValue(GlobalOptions.Provider) is { } provider)
        {
            overrides["Warehouse:Provider"] = provider.ToString();
        }

        if (parseResult.GetValue(GlobalOptions.Connection) is { } connection)
        {
            overrides["Warehouse:ConnectionString"] = connection;
        }

        return builder.AddInMemoryCollection(overrides).Build();
    }
}
