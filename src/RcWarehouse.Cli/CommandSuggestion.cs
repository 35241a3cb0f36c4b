using System.CommandLine;

namespace RcWarehouse.Cli;

/// <summary>An unknown command word: the error names it and suggests the nearest command ("did you mean `status`?").</summary>
public static class CommandSuggestion
{
    private const int MaxEcho = 40;

    /// <summary>The error for an unknown first word, or null when the line names a command (or has no word at all).</summary>
    public static string? ForUnknownCommand(RootCommand root, ParseResult parseResult)
    {
        if (parseResult.CommandResult.Command != root)
        {
            return null;
        }

        var word = parseResult.UnmatchedTokens.FirstOrDefault(t => !t.StartsWith('-'));
        if (word is null)
        {
            return null;
        }

        var shown = word.Length > MaxEcho ? word[..MaxEcho] + "..." : word;
        var nearest = Nearest(word, root.Subcommands.Select(c => c.Name));
        return nearest is null
            ? $"unknown command '{shown}'; rcwarehouse --help lists the commands"
            : $"unknown command '{shown}'; did you mean `{nearest}`?";
    }

    /// <summary>The candidate closest to <paramref name="word"/> by edit distance or prefix, if any is close enough to be a typo.</summary>
    public static string? Nearest(string word, IEnumerable<string> candidates)
    {
        var lower = word.ToLowerInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = candidate.StartsWith(lower, StringComparison.Ordinal) && lower.Length >= 2 ? 0 : Distance(lower, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best is not null && bestDistance <= Math.Max(2, best.Length / 3) ? best : null;
    }

    /// <summary>Optimal string alignment distance (Levenshtein with adjacent transpositions: "stauts" is one edit from "status").</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
