using System.Text;
using RcWarehouse.Core.Errors;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// A report file that cannot be loaded. Carries where: the file, the line (CSV, XML) or JSON path, and the field.
/// The message repeats all of it so that one line on stderr or in <c>etl.load_batch.error</c> is enough to find the fault;
/// it is one line of at most <see cref="ErrorText.MaxMessageLength"/> characters, and a field name taken from the file
/// is quoted like any other value from it.
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
            sb.Append(", field ").Append(ErrorText.QuoteName(field));
        }

        sb.Append(": ").Append(problem);
        return ErrorText.Bound(sb.ToString());
    }
}
