using System.Buffers;
using System.Globalization;
using RcWarehouse.Core.Errors;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// The value rules shared by every format: counts, durations, local dates and times, UTC timestamps.
/// Each method answers a problem text (null when the value is good) so that the caller, which knows the location,
/// builds the one error message.
/// </summary>
internal static class FieldValueParser
{
    private const NumberStyles NumberStyle =
        NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign |
        NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyyMMdd"];

    private static readonly string[] TimeFormats = ["HH:mm", "H:mm", "HH:mm:ss", "H:mm:ss"];

    // MM-dd-yyyy'T'HH:mm:ss is the one public example of dateTimeFrom; the ISO forms are what a fixed API would send.
    private static readonly string[] LocalDateTimeFormats =
    [
        "MM-dd-yyyy'T'HH:mm:ss", "MM-dd-yyyy'T'HH:mm", "MM-dd-yyyy HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm",
    ];

    private static readonly string[] UtcTimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK",
    ];

    /// <summary>
    /// The largest duration the warehouse holds: SQL Server keeps seconds in decimal(19,3), so 16 digits before the point.
    /// </summary>
    public const decimal MaxDurationSeconds = 9_999_999_999_999_999.999m;

    // decimal.TryParse accepts trailing NULs ("9\0\0" is 9); a number with a control character in it is not one.
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    public static string? TryParseCount(string text, out long value)
    {
        value = 0;
        if (text.AsSpan().ContainsAny(ControlCharacters))
        {
            return ControlProblem(text);
        }

        if (!decimal.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out var number) || number != decimal.Truncate(number))
        {
            return $"{Q(text)} is not a whole number";
        }

        if (number < 0)
        {
            return $"{Q(text)} is negative; counts cannot be";
        }

        if (number > long.MaxValue)
        {
            return $"{Q(text)} is too large";
        }

        value = (long)number;
        return null;
    }

    public static string? TryParseDuration(string text, string unit, out decimal value)
    {
        var problem = TryParseNonNegative(text, unit, out value);
        if (problem is not null)
        {
            return problem;
        }

        return value > MaxDurationSeconds
            ? $"{Q(text)} is beyond the largest duration the warehouse holds (9,999,999,999,999,999.999 seconds)"
            : null;
    }

    /// <summary>A non-negative number of milliseconds, rounded to whole milliseconds (a bigint on SQL Server, an INTEGER on SQLite).</summary>
    public static string? TryParseMilliseconds(string text, decimal multiplier, string unit, out long milliseconds)
    {
        milliseconds = 0;
        var problem = TryParseNonNegative(text, unit, out var value);
        if (problem is not null)
        {
            return problem;
        }

        // Checked before multiplying: a huge value times 1000 would overflow decimal itself.
        if (value > long.MaxValue / multiplier)
        {
            return $"{Q(text)} is beyond the largest number of {unit} the warehouse holds";
        }

        var ms = decimal.Round(value * multiplier, MidpointRounding.AwayFromZero);
        if (ms > long.MaxValue)
        {
            return $"{Q(text)} is beyond the largest number of {unit} the warehouse holds";
        }

        milliseconds = (long)ms;
        return null;
    }

    public static string? TryParseIntervalMinutes(string text, out int minutes)
    {
        minutes = 0;
        if (TryParseCount(text, out var value) is not null || value is not (15 or 30 or 45 or 60))
        {
            return $"interval {Q(text)} must be 15, 30, 45 or 60 minutes";
        }

        minutes = (int)value;
        return null;
    }

    public static string? TryParseLocalDate(string text, out DateTime date) =>
        DateTime.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            ? null
            : $"{Q(text)} is not a date (expected yyyy-MM-dd or yyyyMMdd)";

    public static string? TryParseLocalTime(string text, out TimeSpan time)
    {
        time = default;
        if (!DateTime.TryParseExact(text.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.NoCurrentDateDefault, out var parsed))
        {
            return $"{Q(text)} is not a time of day (expected HH:mm)";
        }

        time = parsed.TimeOfDay;
        return null;
    }

    public static string? TryParseLocalDateTime(string text, out DateTime local)
    {
        if (!DateTime.TryParseExact(text.Trim(), LocalDateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
        {
            return $"{Q(text)} is not a local date and time (expected MM-dd-yyyy'T'HH:mm:ss, yyyy-MM-ddTHH:mm:ss or yyyy-MM-dd HH:mm:ss)";
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return null;
    }

    /// <summary>An ISO-8601 timestamp that carries its offset (<c>Z</c> or <c>+hh:mm</c>), or epoch milliseconds.</summary>
    public static string? TryParseUtcTimestamp(string text, out DateTime utc)
    {
        utc = default;
        var trimmed = text.Trim();
        if (trimmed.Length > 0 && trimmed.All(char.IsAsciiDigit))
        {
            return TryFromEpochMilliseconds(trimmed, out utc);
        }

        if (!DateTimeOffset.TryParseExact(trimmed, UtcTimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return $"{Q(text)} is not an ISO-8601 timestamp (expected e.g. 2024-07-22T11:24:40.000Z)";
        }

        if (!HasExplicitOffset(trimmed))
        {
            return $"{Q(text)} has no UTC offset (expected a trailing Z or +hh:mm), so the instant is unknown";
        }

        utc = parsed.UtcDateTime;
        return null;
    }

    private static string? TryFromEpochMilliseconds(string digits, out DateTime utc)
    {
        utc = default;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ||
            ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return $"{Q(digits)} is too large for epoch milliseconds";
        }

        utc = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
        return null;
    }

    private static bool HasExplicitOffset(string text)
    {
        if (text.EndsWith('Z') || text.EndsWith('z'))
        {
            return true;
        }

        // An offset is a sign after the time part: the date's own dashes come before the 'T' or space.
        var timeStart = text.IndexOfAny(['T', 't', ' ']);
        return timeStart > 0 && text.AsSpan(timeStart).IndexOfAny('+', '-') > 0;
    }

    private static string? TryParseNonNegative(string text, string unit, out decimal value)
    {
        value = 0;
        if (text.AsSpan().ContainsAny(ControlCharacters))
        {
            return ControlProblem(text);
        }

        if (!decimal.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out value))
        {
            return $"{Q(text)} is not a number of {unit}";
        }

        return value < 0 ? $"{Q(text)} is negative; durations cannot be" : null;
    }

    private static string ControlProblem(string text) => $"{Q(text)} contains a control character; a number may not";

    private static string Q(string text) => ErrorText.Quote(text);
}
