using System.Globalization;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// A text reader that refuses a physical line longer than <see cref="MaxLineLength"/> characters as soon as it has
/// read that much of it, so a CSV with a 50 MB value fails after a megabyte, with its line, instead of after the CSV
/// parser has buffered the whole value. It passes blocks through unchanged: the cost is one vectorized search for
/// line ends per block.
/// </summary>
internal sealed class LineBoundedReader(TextReader inner, string filePath) : TextReader
{
    /// <summary>A report line is a few hundred characters; a megabyte is no report line.</summary>
    public const int MaxLineLength = 1024 * 1024;

    private long _line = 1;
    private long _lineLength;

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c == '\n')
        {
            _line++;
            _lineLength = 0;
        }
        else if (c >= 0 && ++_lineLength > MaxLineLength)
        {
            Refuse();
        }

        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var read = inner.Read(buffer);
        Count(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Count(buffer.Span[..read]);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Count(ReadOnlySpan<char> chars)
    {
        while (true)
        {
            var end = chars.IndexOf('\n');
            if (end < 0)
            {
                _lineLength += chars.Length;
                if (_lineLength > MaxLineLength)
                {
                    Refuse();
                }

                return;
            }

            if (_lineLength + end > MaxLineLength)
            {
                Refuse();
            }

            _line++;
            _lineLength = 0;
            chars = chars[(end + 1)..];
        }
    }

    private void Refuse() =>
        ReportThrow.Format(filePath, new SourceLocation(_line), null,
            string.Create(CultureInfo.InvariantCulture, $"the line is longer than {MaxLineLength:N0} characters; no report line is (a huge value, or not a report?)"));
}
