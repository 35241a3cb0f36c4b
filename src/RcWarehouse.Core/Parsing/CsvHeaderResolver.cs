using System.Text;
using RcWarehouse.Core.Errors;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// Finds the header of a legacy CSV report and maps its columns to fields by name. Reports may start with a title
/// line and blank lines, so the header is the first line where at least two cells are field names of the report;
/// its separator (',' or ';') is whichever occurs more often outside quotes on that line.
/// </summary>
internal static class CsvHeaderResolver
{
    public const int MaxLinesBeforeHeader = 50;

    private const int MinKnownNames = 2;

    public static async Task<CsvHeader> FindAsync(TextReader reader, AggregateFieldSet fields, ReportFileContext context, string reportName, CancellationToken cancellationToken)
    {
        var lineNumber = 0L;
        var sawText = false;
        while (lineNumber < MaxLinesBeforeHeader && await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            sawText = true;

            var separator = SniffSeparator(line);
            var names = SplitLine(line.TrimStart('\uFEFF'), separator);
            if (names.Count(n => fields.TryFind(n, out _)) >= MinKnownNames)
            {
                return Resolve(names, separator, lineNumber, fields, context, reportName);
            }
        }

        var found = lineNumber == 0 ? "the file is empty" : sawText ? "found plain text" : "found only blank lines";
        return ReportThrow.Format<CsvHeader>(context.FilePath, new SourceLocation(lineNumber == 0 ? null : lineNumber), null,
            $"{found}, not a report: no {reportName} header line in the first {MaxLinesBeforeHeader} lines (the header has columns such as 'interval', 'date_from', 'time'; an empty report is its header alone)");
    }

    public static char SniffSeparator(string line)
    {
        var commas = 0;
        var semicolons = 0;
        var quoted = false;
        foreach (var c in line)
        {
            switch (c)
            {
                case '"':
                    quoted = !quoted;
                    break;
                case ',' when !quoted:
                    commas++;
                    break;
                case ';' when !quoted:
                    semicolons++;
                    break;
            }
        }

        return semicolons > commas ? ';' : ',';
    }

    /// <summary>Splits one physical line with RFC 4180 quoting; header names never span lines.</summary>
    public static List<string> SplitLine(string line, char separator)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString().Trim());
        return cells;
    }

    private static CsvHeader Resolve(List<string> names, char separator, long line, AggregateFieldSet fields, ReportFileContext context, string reportName)
    {
        var at = new SourceLocation(line);
        var columns = new AggregateField?[names.Count];
        var seen = new Dictionary<AggregateField, string>();
        var unknown = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            if (!fields.TryFind(names[i], out var field))
            {
                unknown.Add(names[i]);
                continue;
            }

            if (!seen.TryAdd(field, names[i]))
            {
                ReportThrow.Format(context.FilePath, at, names[i], $"column {ErrorText.QuoteName(names[i])} is the same field as column {ErrorText.QuoteName(seen[field])}; the header names it twice");
            }

            columns[i] = field;
        }

        var missing = fields.MissingRequired(seen.ContainsKey).Select(f => f.SnakeName).ToList();
        if (missing.Count > 0)
        {
            ReportThrow.Format(context.FilePath, at, missing[0],
                $"required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))} missing from the {reportName} header");
        }

        if (unknown.Count > 0)
        {
            context.OnWarning?.Invoke(fields.KeepsOtherNumbers
                ? $"{context.FilePath}:{line}: keeping the numbers of unknown column{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Take(10).Select(ErrorText.QuoteName))} of the {reportName} report as other measures"
                : $"{context.FilePath}:{line}: ignoring unknown column{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Take(10).Select(ErrorText.QuoteName))} of the {reportName} report");
        }

        return new CsvHeader(line, separator, names, columns);
    }
}
