using System.Text;
using System.Xml;

namespace RcWarehouse.Simulator.Reports;

/// <summary>
/// A legacy report answer before it is rendered: snake_case column names and one string per cell. CSV and XML are two
/// renderings of the same table, so they cannot disagree.
/// </summary>
internal sealed class ReportTable(IReadOnlyList<string> columns)
{
    private readonly List<string[]> _rows = [];

    public IReadOnlyList<string> Columns { get; } = columns;

    public void Add(params string[] cells) => _rows.Add(cells);

    public byte[] ToCsv()
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Columns.Select(Quote)).Append("\r\n");
        foreach (var row in _rows)
        {
            sb.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public byte[] ToXml()
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("report");
            foreach (var row in _rows)
            {
                xml.WriteStartElement("row");
                for (var i = 0; i < Columns.Count; i++)
                {
                    // "time (H24:MI)" is not an XML name: the element is called by the name's first word.
                    xml.WriteElementString(Columns[i].Split(' ')[0], row[i]);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

}
