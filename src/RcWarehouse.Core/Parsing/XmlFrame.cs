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

    public string Text => _text?.ToString() ?? string.Empty;

    public void AppendText(string text) => (_text ??= new StringBuilder()).Append(text);
}
