using System.Globalization;

namespace RcWarehouse.RingCx.RateLimiting;

/// <summary>One <c>count/window</c> rule of a limit such as <c>3/60s,9/15m</c> (units ms, s, m, h).</summary>
public readonly record struct RateLimitRule(int Limit, TimeSpan Window)
{
    public static IReadOnlyList<RateLimitRule> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = new List<RateLimitRule>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || !int.TryParse(part[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit <= 0)
            {
                throw new FormatException($"Rate limit rule '{part}' is not 'count/window' (e.g. 3/60s).");
            }

            rules.Add(new RateLimitRule(limit, ParseWindow(part[(slash + 1)..], part)));
        }

        return rules.Count > 0 ? rules : throw new FormatException($"Rate limit '{text}' has no 'count/window' rule.");
    }

    private static TimeSpan ParseWindow(string text, string rule)
    {
        var unit = text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? "ms" : text.Length > 0 ? text[^1..].ToLowerInvariant() : "";
        if (unit.Length == 0 || !double.TryParse(text[..^unit.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
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

    public override string ToString() => $"{Limit}/{Window}";
}
