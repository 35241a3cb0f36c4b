using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// Streams a legacy CSV aggregate report, one record at a time, with CsvHelper's reader (no record mapper: the
/// schema's field table does the mapping). The header is located first on the same text reader, so CsvHelper sees
/// only data lines and physical line numbers are the header's line plus CsvHelper's.
/// </summary>
internal static class AggregateCsvReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async IAsyncEnumerable<TRow> ReadAsync<TRow>(
        ReportFileContext context,
        AggregateSchema<TRow> schema,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = context.FilePath;
        await using var stream = ReportFileStreams.OpenRead(path);
        // Strict UTF-8: a byte that is not UTF-8 fails the file (ReportFileReader names its line) instead of becoming U+FFFD
        // in a stored name.
        using var text = new LineBoundedReader(new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, ReportFileStreams.BufferSize), path);
        var header = await CsvHeaderResolver.FindAsync(text, schema.Fields, context, schema.ReportName, cancellationToken);
        var options = CsvReaderOptions.Default with
        {
            Separator = header.Separator,
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            TrimWhitespace = true,
            AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            IncludeValuesInExceptions = false,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        using var csv = CsvReader.Create(text, options, leaveOpen: true);
        var record = new AggregateRecord(schema.Fields, path, isJson: false);
        record.BindCsv(csv, header);
        var mapper = new AggregateRowMapper<TRow>(schema, context);
        while (await ReadAsync(csv, header, path, cancellationToken))
        {
            if (IsBlank(csv))
            {
                continue;
            }

            var at = new SourceLocation(header.Line + csv.LineNumber);
            if (csv.FieldCount != header.Names.Count)
            {
                ReportThrow.Format(path, at, null,
                    $"the row has {csv.FieldCount} values but the header on line {header.Line} has {header.Names.Count} columns (an unquoted separator in a value?)");
            }

            record.StartCsvRow(at);
            if (schema.Fields.KeepsOtherNumbers)
            {
                // Fields the report does not know, kept as measures (agent statistics): only these columns make strings.
                for (var i = 0; i < header.Columns.Count; i++)
                {
                    if (header.Columns[i] is null)
                    {
                        record.SetOther(header.Names[i], csv.GetString(i), at);
                    }
                }
            }

            yield return mapper.Map(record);
        }
    }

    private static async ValueTask<bool> ReadAsync(CsvReader csv, CsvHeader header, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await csv.ReadAsync(cancellationToken);
        }
        catch (CsvFormatException ex)
        {
            // CsvHelper counts from the line after the header and its message repeats those relative numbers; keep only the reason.
            var reason = ex.Message;
            var start = reason.IndexOf("): ", StringComparison.Ordinal);
            reason = start >= 0 ? reason[(start + 3)..] : reason;
            var offset = reason.IndexOf(" (byte offset", StringComparison.Ordinal);
            reason = offset >= 0 ? reason[..offset] : reason.TrimEnd('.');
            long? line = ex.LineNumber > 0 ? header.Line + ex.LineNumber : null;
            return ReportThrow.Format<bool>(path, new SourceLocation(line), null, $"malformed CSV: {ReportFileReader.Reason(reason)}", ex);
        }
    }

    // A row of only empty or whitespace values is skipped. A value whose first byte is printable ASCII other than a space
    // is not whitespace, which settles most rows at their first value without making a string of it.
    private static bool IsBlank(CsvReader csv)
    {
        for (var i = 0; i < csv.FieldCount; i++)
        {
            var bytes = csv.GetSpan(i);
            if (bytes.IsEmpty)
            {
                continue;
            }

            if (bytes[0] is > 0x20 and < 0x7F || !string.IsNullOrWhiteSpace(csv.GetString(i)))
            {
                return false;
            }
        }

        return true;
    }
}
