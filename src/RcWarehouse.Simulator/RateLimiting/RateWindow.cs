using System.Globalization;

namespace RcWarehouse.Simulator.RateLimiting;

/// <summary>One <c>count/window</c> rule of a limit string such as <c>3/60s,9/15m</c>.</summary>
internal readonly record struct RateWindow(int Limit, TimeSpan Window)
{
    public static IReadOnlyList<RateWindow> ParseList(string text)
    {
        var rules = new List<RateWindow>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || !int.TryParse(part[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit <= 0)
            {
                throw new FormatException($"Rate limit rule '{part}' is not 'count/window' (e.g. 3/60s).");
            }

            rules.Add(new RateWindow(limit, ParseDuration(part[(slash + 1)..], part)));
        }

        return rules.Count > 0 ? rules : throw new FormatException("A rate limit needs at least one 'count/window' rule.");
    }

    private static TimeSpan ParseDuration(string text, string rule)
    {
        var unit = text.Length > 2 && text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? "ms" : text.Length > 0 ? text[^1..].ToLowerInvariant() : "";
        var digits = text[..^unit.Length];
        if (unit.Length == 0 || !double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new FormatException($"Rate limit rule '{rule}': window '{text}' is not a duration like 60s, 15m, 1h or 500ms.");
        }

        return unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            "s" => TimeSpan.FromSeconds(value),
            "m" => TimeSpan.FromMinutes(value),
            "h" => TimeSpan.FromHours(value),
            _ => throw new FormatException($"Rate limit rule '{rule}': unknown unit '{unit}' (use ms, s, m or h)."),
        };
    }
}
