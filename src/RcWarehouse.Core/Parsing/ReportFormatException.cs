using System.Text;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// A report file that cannot be loaded. Carries where: the file, the line (CSV, XML) or JSON path, and the field.
/// The message repeats all of it so that one line on stderr or in <c>etl.load_batch.error</c> is enough to find the fault.
/// </summary>
public sealed class ReportFormatException : Exception
{
    public ReportFormatException(string filePath, string problem, long? line = null, string? jsonPath = null, string? field = null, Exception? inner = null)
        : base(Describe(filePath, problem, line, jsonPath, field), inner)
    {
        FilePath = filePath;
        Problem = problem;
        Line = line;
        JsonPath = jsonPath;
        Field = field;
    }

    public string FilePath { get; }

    public string Problem { get; }

    public long? Line { get; }

    public string? JsonPath { get; }

    public string? Field { get; }

    private static string Describe(string filePath, string problem, long? line, string? jsonPath, string? field)
    {
        var sb = new StringBuilder(filePath);
        if (line is not null)
        {
            sb.Append(':').Append(line.Value);
        }

        if (jsonPath is not null)
        {
            sb.Append(" at ").Append(jsonPath);
        }

        if (field is not null)
        {
            sb.Append(", field '").Append(field).Append('\'');
        }

        sb.Append(": ").Append(problem);
        return sb.ToString();
    }
}
