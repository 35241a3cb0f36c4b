using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace RcWarehouse.IntegrationTests.Simulator;

/// <summary>
/// Just enough reading of report answers for the simulator's tests: every format becomes rows of snake_case name to
/// text, with the interval start as <c>yyyy-MM-dd HH:mm</c> under <c>start</c>. (The real parsers live in Core.)
/// </summary>
public static class ReportText
{
    public static List<Dictionary<string, string>> Csv(string text)
    {
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            var row = header.Select((h, i) => (h, cells[i])).ToDictionary(p => p.h, p => p.Item2);
            row["start"] = $"{row["date_from"]} {row["time (H24:MI)"]}";
            return row;
        })];
    }

    public static List<Dictionary<string, string>> Xml(string text) =>
        [.. XDocument.Parse(text).Root!.Elements("row").Select(r =>
        {
            var row = r.Elements().ToDictionary(e => e.Name.LocalName, e => e.Value);
            row["start"] = $"{row["date_from"]} {row["time"]}";
            return row;
        })];

    public static List<Dictionary<string, string>> Json(string text)
    {
        using var doc = JsonDocument.Parse(text);
        return [.. doc.RootElement.EnumerateArray().Select(item =>
        {
            var row = item.EnumerateObject().ToDictionary(p => Snake(p.Name), p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
            row["start"] = DateTime.ParseExact(row["date_time_from"], "MM-dd-yyyy'T'HH:mm:ss", CultureInfo.InvariantCulture).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            return row;
        })];
    }

    /// <summary>camelCase to the legacy snake_case names (<c>talkingIxnDur</c> to <c>talking_call_dur</c>).</summary>
    public static string Snake(string camel)
    {
        var sb = new StringBuilder();
        foreach (var c in camel)
        {
            if (char.IsUpper(c))
            {
                sb.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Replace("_ixn_", "_call_").ToString();
    }
}
