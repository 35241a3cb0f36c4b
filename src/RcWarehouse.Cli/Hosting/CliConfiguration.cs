using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace RcWarehouse.Cli.Hosting;

/// <summary>
/// appsettings.json (next to the executable, then in the working directory), then the <c>--settings</c> file, then user
/// secrets, then environment variables prefixed RCW_ (RCW_Warehouse__Provider=SqlServer), then the command line's global options.
/// A missing <c>--settings</c> file or a settings file that is not JSON is a usage error (exit 2) naming the file and,
/// for JSON syntax, the line and position; the file's content is never quoted.
/// </summary>
public static class CliConfiguration
{
    private static readonly JsonDocumentOptions SettingsJson = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static IConfigurationRoot Build(ParseResult parseResult)
    {
        var files = new List<string>
        {
            Path.Combine(AppContext.BaseDirectory, "appsettings.json"),
            Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"),
        };
        IConfigurationBuilder builder = new ConfigurationBuilder();
        foreach (var appSettings in files)
        {
            CheckJson(appSettings);
            builder.AddJsonFile(appSettings, optional: true);
        }

        if (parseResult.GetValue(GlobalOptions.Settings) is { } settings)
        {
            var path = Path.GetFullPath(settings);
            if (!File.Exists(path))
            {
                throw new UsageException($"settings file {path} does not exist (--settings {settings})");
            }

            CheckJson(path);
            builder.AddJsonFile(path, optional: false);
            files.Add(path);
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

        if (parseResult.GetValue(GlobalOptions.LogFile) is { } logFile)
        {
            overrides["Logging:File"] = logFile;
        }

        try
        {
            return builder.AddInMemoryCollection(overrides).Build();
        }
        catch (InvalidDataException ex) when (ex.InnerException is FormatException format)
        {
            // What the syntax check above lets through: a duplicate key, for instance (its message names the key, not a value).
            throw new UsageException($"a settings file could not be read ({string.Join(", ", files.Where(File.Exists))}): {format.Message}");
        }
    }

    /// <summary>Refuses a file that is not a JSON object, naming the file, line and position (1-based), never its content.</summary>
    internal static void CheckJson(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream, SettingsJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException($"settings file {path}: expected a JSON object ({{ ... }}) at the top, found {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}" : string.Empty;
            throw new UsageException($"settings file {path} is not valid JSON{where}");
        }
        catch (UnauthorizedAccessException)
        {
            throw new UsageException($"settings file {path} cannot be read (permission denied)");
        }
    }
}
