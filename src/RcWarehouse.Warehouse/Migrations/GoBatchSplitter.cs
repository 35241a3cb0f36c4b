using System.Text;

namespace RcWarehouse.Warehouse.Migrations;

/// <summary>
/// Splits a T-SQL script on lines that are exactly <c>GO</c> (any case, surrounding blanks allowed), the way sqlcmd
/// and SSMS do. <c>GO</c> is a client-side separator; the server would reject it as a statement.
/// </summary>
internal static class GoBatchSplitter
{
    public static IReadOnlyList<string> Split(string script)
    {
        var batches = new List<string>();
        var current = new StringBuilder();
        using var reader = new StringReader(script);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Equals("GO", StringComparison.OrdinalIgnoreCase))
            {
                Add(batches, current);
                continue;
            }

            current.Append(line).Append('\n');
        }

        Add(batches, current);
        return batches;
    }

    private static void Add(List<string> batches, StringBuilder current)
    {
        var text = current.ToString();
        current.Clear();
        if (!string.IsNullOrWhiteSpace(text) && !IsOnlyComments(text))
        {
            batches.Add(text);
        }
    }

    private static bool IsOnlyComments(string text)
    {
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0 && !trimmed.StartsWith("--", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
