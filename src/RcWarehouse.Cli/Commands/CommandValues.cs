using System.Globalization;

namespace RcWarehouse.Cli.Commands;

/// <summary>Parsing of option values shared by commands.</summary>
public static class CommandValues
{
    private static readonly string[] UtcFormats =
        ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "O"];

    /// <summary>A date or date-time taken as UTC unless it carries its own offset.</summary>
    public static DateTime ParseUtc(string option, string value) =>
        TryParseUtc(value, out var parsed) ? parsed : throw new UsageException(InvalidUtc(option, value));

    public static bool TryParseUtc(string value, out DateTime utc)
    {
        var ok = DateTime.TryParseExact(value.Trim(), UtcFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed);
        utc = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
        return ok;
    }

    public static string InvalidUtc(string option, string value) =>
        $"{option} '{(value.Length > 40 ? value[..40] + "..." : value)}': expected a UTC date or date-time such as 2026-11-02 or 2026-11-02T08:00";
}
