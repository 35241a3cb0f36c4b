using System.Runtime.CompilerServices;
using System.Xml;
using RcWarehouse.Core.Errors;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// Streams a legacy XML aggregate report. A row is any element with at least two attributes, or at least two leaf
/// child elements, named like fields of the report (case-insensitive); wrapper and row element names mean nothing.
/// DTDs are prohibited so no external entity is ever resolved.
/// A document without rows is an empty report only in an empty wrapper's shape (elements without text, attributes or
/// grandchildren, such as <c>&lt;report/&gt;</c> or <c>&lt;Response&gt;&lt;Data/&gt;&lt;/Response&gt;</c>); anything else
/// without rows (an XHTML sign-in page, an error body) is refused, so that a page that is not a report can never
/// publish an empty window over stored facts. Nesting deeper than <see cref="MaxDepth"/> is refused as it is read.
/// </summary>
internal static class AggregateXmlReader
{
    private const int MinKnownFields = 2;

    private const int MaxLinesToDoctype = 1000;

    /// <summary>Reports are a wrapper or two around rows of fields; this leaves ample room and keeps the element stack small.</summary>
    private const int MaxDepth = 32;

    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    public static async IAsyncEnumerable<TRow> ReadAsync<TRow>(
        ReportFileContext context,
        AggregateSchema<TRow> schema,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = context.FilePath;
        await using var stream = ReportFileStreams.OpenRead(path);
        using var xml = XmlReader.Create(stream, Settings);
        var lineInfo = (IXmlLineInfo)xml;
        var record = new AggregateRecord(schema.Fields, path, isJson: false);
        var mapper = new AggregateRowMapper<TRow>(schema, context);
        var warned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<XmlFrame>();
        var attributeFields = new List<XmlFieldValue>();
        var attributeUnknown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var attributeOthers = new List<XmlOtherValue>();
        var advance = true;
        var rows = 0L;
        string? root = null;
        long rootLine = 0;
        var hasContent = false;
        var chunk = new char[4096];
        while (!advance || await ReadAsync(xml, path, cancellationToken))
        {
            advance = true;
            switch (xml.NodeType)
            {
                case XmlNodeType.Element:
                {
                    if (stack.TryPeek(out var parent))
                    {
                        parent.HasChildElements = true;
                    }

                    var line = (long)lineInfo.LineNumber;
                    var name = xml.LocalName;
                    var isEmpty = xml.IsEmptyElement;
                    if (root is null)
                    {
                        root = name;
                        rootLine = line;
                        if (string.Equals(name, "html", StringComparison.OrdinalIgnoreCase))
                        {
                            ReportThrow.Format(path, new SourceLocation(line), null,
                                $"found an HTML page (root element <html>), not a report");
                        }
                    }

                    if (stack.Count >= MaxDepth)
                    {
                        ReportThrow.Format(path, new SourceLocation(line), null,
                            $"elements are nested more than {MaxDepth} deep; a {schema.ReportName} report is a wrapper of rows of fields");
                    }

                    // Anything below the root's children (a grandchild) means the document has structure, not an empty wrapper.
                    hasContent |= stack.Count >= 2;
                    var known = ReadAttributeFields(xml, schema.Fields, attributeFields, attributeUnknown, attributeOthers);
                    hasContent |= known + attributeUnknown.Count > 0;
                    if (known >= MinKnownFields)
                    {
                        Fill(record, line, attributeFields, attributeOthers);
                        Warn(context, schema, warned, attributeUnknown, line);
                        rows++;
                        yield return mapper.Map(record);
                        if (!isEmpty)
                        {
                            // The attributes made it a row; whatever it contains is not part of it.
                            await SkipAsync(xml, path);
                            advance = false;
                        }
                    }
                    else if (isEmpty)
                    {
                        parent?.Add(schema.Fields, name, string.Empty, line);
                    }
                    else
                    {
                        stack.Push(new XmlFrame(name, line));
                    }

                    break;
                }

                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    hasContent = true;
                    if (stack.TryPeek(out var current) && !current.HasChildElements)
                    {
                        await AppendTextAsync(xml, current, chunk, path, lineInfo.LineNumber);
                    }

                    break;

                case XmlNodeType.EndElement:
                {
                    var frame = stack.Pop();
                    if (!frame.HasChildElements)
                    {
                        if (stack.TryPeek(out var owner))
                        {
                            owner.Add(schema.Fields, frame.Name, frame.Text, frame.Line);
                        }
                    }
                    else if (frame.Fields.Count >= MinKnownFields)
                    {
                        Fill(record, frame.Line, frame.Fields, frame.Others);
                        Warn(context, schema, warned, frame.UnknownNames, frame.Line);
                        rows++;
                        yield return mapper.Map(record);
                    }

                    break;
                }
            }
        }

        if (rows == 0 && hasContent)
        {
            ReportThrow.Format(path, new SourceLocation(rootLine > 0 ? rootLine : null), null,
                $"found an XML document (root element {Errors.ErrorText.QuoteName(root ?? "?")}) with no {schema.ReportName} rows: no element has children or attributes named like the report's fields, and it is not an empty wrapper");
        }
    }

    // In chunks, so that a huge text node is refused after its first 64K characters rather than after it is read whole.
    private static async ValueTask AppendTextAsync(XmlReader xml, XmlFrame frame, char[] chunk, string path, long line)
    {
        if (!xml.CanReadValueChunk)
        {
            frame.AppendText(await xml.GetValueAsync(), path, line);
            return;
        }

        int read;
        while ((read = await xml.ReadValueChunkAsync(chunk, 0, chunk.Length)) > 0)
        {
            frame.AppendText(chunk.AsSpan(0, read), path, line);
        }
    }

    private static void Add(this XmlFrame frame, AggregateFieldSet fields, string name, string text, long line)
    {
        if (fields.TryFind(name, out var field))
        {
            frame.Fields.Add(new XmlFieldValue(field, name, text, line));
        }
        else
        {
            frame.UnknownNames.Add(name);
            if (fields.KeepsOtherNumbers)
            {
                frame.Others.Add(new XmlOtherValue(name, text, line));
            }
        }
    }

    private static int ReadAttributeFields(XmlReader xml, AggregateFieldSet fields, List<XmlFieldValue> known, HashSet<string> unknown, List<XmlOtherValue> others)
    {
        known.Clear();
        unknown.Clear();
        others.Clear();
        if (!xml.HasAttributes)
        {
            return 0;
        }

        var lineInfo = (IXmlLineInfo)xml;
        while (xml.MoveToNextAttribute())
        {
            if (xml.Prefix == "xmlns" || xml.LocalName == "xmlns")
            {
                continue;
            }

            if (fields.TryFind(xml.LocalName, out var field))
            {
                known.Add(new XmlFieldValue(field, xml.LocalName, xml.Value, lineInfo.LineNumber));
            }
            else
            {
                unknown.Add(xml.LocalName);
                if (fields.KeepsOtherNumbers)
                {
                    others.Add(new XmlOtherValue(xml.LocalName, xml.Value, lineInfo.LineNumber));
                }
            }
        }

        xml.MoveToElement();
        return known.Count;
    }

    private static void Fill(AggregateRecord record, long line, List<XmlFieldValue> values, List<XmlOtherValue> others)
    {
        record.Start(new SourceLocation(line));
        foreach (var value in values)
        {
            record.Set(value.Field, value.Text, value.Name, new SourceLocation(value.Line));
        }

        foreach (var other in others)
        {
            record.SetOther(other.Name, other.Text, new SourceLocation(other.Line));
        }
    }

    private static void Warn<TRow>(ReportFileContext context, AggregateSchema<TRow> schema, HashSet<string> warned, HashSet<string> unknown, long line)
    {
        foreach (var name in unknown)
        {
            if (warned.Add(name))
            {
                context.OnWarning?.Invoke(schema.Fields.KeepsOtherNumbers
                    ? $"{context.FilePath}:{line}: keeping the numbers of unknown field {ErrorText.QuoteName(name)} of the {schema.ReportName} report as other measures"
                    : $"{context.FilePath}:{line}: ignoring unknown field {ErrorText.QuoteName(name)} of the {schema.ReportName} report");
            }
        }
    }

    private static async ValueTask<bool> ReadAsync(XmlReader xml, string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await xml.ReadAsync();
        }
        catch (XmlException ex)
        {
            return ReportThrow.Format<bool>(path, Where(xml, path, ex), null, Describe(ex, path), ex);
        }
    }

    private static async ValueTask SkipAsync(XmlReader xml, string path)
    {
        try
        {
            await xml.SkipAsync();
        }
        catch (XmlException ex)
        {
            ReportThrow.Format(path, Where(xml, path, ex), null, Describe(ex, path), ex);
        }
    }

    private static SourceLocation Where(XmlReader xml, string path, XmlException ex)
    {
        var line = ex.LineNumber > 0 ? ex.LineNumber : ((IXmlLineInfo)xml).LineNumber;
        if (line <= 0 && IsDtdRefusal(ex))
        {
            line = FindDoctypeLine(path);
        }

        return new SourceLocation(line > 0 ? line : null);
    }

    // XmlReader reports the DTD refusal without a position; on this error path only, look the DOCTYPE up in the file.
    private static int FindDoctypeLine(string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var number = 0;
        while (reader.ReadLine() is { } line && number < MaxLinesToDoctype)
        {
            number++;
            if (line.Contains("<!DOCTYPE", StringComparison.Ordinal))
            {
                return number;
            }
        }

        return 0;
    }

    private static bool IsDtdRefusal(XmlException ex) => ex.Message.Contains("DTD", StringComparison.Ordinal);

    private static string Describe(XmlException ex, string path) =>
        !IsDtdRefusal(ex) ? $"malformed XML: {ReportFileReader.Reason(ex.Message)}"
        : IsHtmlDoctype(path) ? "found an HTML page (<!DOCTYPE html>), not a report"
        : "the file declares a DTD (DOCTYPE); DTDs and external entities are refused for safety";

    private static bool IsHtmlDoctype(string path)
    {
        using var stream = ReportFileStreams.OpenRead(path);
        Span<byte> head = stackalloc byte[512];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var text = System.Text.Encoding.UTF8.GetString(head[..read]);
        var at = text.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        return at >= 0 && text.AsSpan(at + 9).TrimStart().StartsWith("html", StringComparison.OrdinalIgnoreCase);
    }
}
