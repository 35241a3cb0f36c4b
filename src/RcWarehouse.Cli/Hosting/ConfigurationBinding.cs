using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace RcWarehouse.Cli.Hosting;

/// <summary>
/// Binds a configuration section to its options class. A value that does not convert (<c>Warehouse:Provider=Oracle</c>,
/// <c>RingCx:RequestTimeout=abc</c>) is a usage error (exit 2) naming the key and what it expects; the value itself is
/// never repeated, since it may be a secret set under the wrong key.
/// </summary>
public static partial class ConfigurationBinding
{
    public static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException ex) when (ConversionFailure().Match(ex.Message) is { Success: true } match)
        {
            var path = match.Groups["path"].Value;
            throw new UsageException($"configuration value {path} is not valid: expected {Expected(TypeAt(typeof(T), section, path))}");
        }
        catch (InvalidOperationException)
        {
            throw new UsageException($"configuration section {section} has a value that does not convert to its setting's type");
        }

        return options;
    }

    /// <summary>What a value of <paramref name="type"/> looks like, in an operator's words.</summary>
    public static string Expected(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            null => "a value of the setting's type",
            { IsEnum: true } => $"one of {string.Join(", ", Enum.GetNames(type))}",
            _ when type == typeof(TimeSpan) => "a time span such as 00:00:30 (hh:mm:ss) or 1.00:00:00 (one day)",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
            _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "a number",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(Uri) => "an absolute URL",
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "a date such as 2026-11-02",
            _ => $"a {type.Name}",
        };
    }

    /// <summary>The CLR type a configuration path binds to, following properties and list indexes from <paramref name="root"/>, the section's options type.</summary>
    private static Type? TypeAt(Type root, string section, string path)
    {
        if (!path.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        Type? current = root;
        foreach (var segment in path[(section.Length + 1)..].Split(':'))
        {
            if (current is null)
            {
                return null;
            }

            if (int.TryParse(segment, out _) && ElementType(current) is { } element)
            {
                current = element;
                continue;
            }

            current = current.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
        }

        return current;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[^1] : null;
    }

    // "Failed to convert configuration value '...' at 'Warehouse:Provider' to type '...'." (the value is not kept).
    [GeneratedRegex("at '(?<path>[^']+)' to type '", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ConversionFailure();
}
