using System.Text;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// An open XML element while streaming: its text if it turns out to be a leaf, and the leaf children that are
/// fields of the report if it turns out to be a row. Wrappers keep nothing of their rows, so memory stays flat.
/// </summary>
internal sealed class XmlFrame(string name, long line)
{
    private StringBuilder? _text;

    public string Name { get; } = name;

    public long Line { get; } = line;

    public bool HasChildElements { get; set; }

    public List<XmlFieldValue> Fields { get; } = [];

    public HashSet<string> UnknownNames { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The unknown leaf children's values, collected only for a report that keeps them (agent statistics).</summary>
    public List<XmlOtherValue> Others { get; } = [];

    public string Text => _text?.ToString() ?? string.Empty;

    /// <summary>Adds a text node; a leaf longer than any field's value is refused here, before it is copied again.</summary>
    public void AppendText(ReadOnlySpan<char> text, string path, long line)
    {
        _text ??= new StringBuilder();
        if (_text.Length + text.Length > MaxTextLength)
        {
            ReportThrow.Format(path, new SourceLocation(line), Name,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the element's text is longer than {MaxTextLength:N0} characters; no report field is"));
        }

        _text.Append(text);
    }

    /// <summary>The longest text a leaf element may hold (the longest field of any report is far shorter).</summary>
    public const int MaxTextLength = 64 * 1024;
}
