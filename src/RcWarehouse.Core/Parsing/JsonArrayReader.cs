using System.Runtime.CompilerServices;
using System.Text.Json;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// Streams the elements of a top-level JSON array with a <see cref="Utf8JsonReader"/> over a buffer that only ever
/// holds the element being read (plus read-ahead), so memory follows the largest element, not the file. It tracks
/// the element index and line itself: malformed JSON fails with the line and a path such as <c>$[12].answIxnCnt</c>
/// (JsonSerializer's async enumeration reports neither reliably).
/// No-break spaces (U+00A0) outside strings are read as whitespace: samples copied from web pages (seed 000) indent
/// with them, and they can never be valid JSON there, so this accepts more files without changing any value.
/// </summary>
internal sealed class JsonArrayReader(Stream stream, string filePath)
{
    /// <summary>
    /// The largest element read: a report row or segment is a few kilobytes, so a larger one is refused before the
    /// buffer grows further (memory stays bounded whatever the file holds).
    /// </summary>
    public const int MaxElementBytes = 16 * 1024 * 1024;

    private byte[] _buffer = new byte[ReportFileStreams.BufferSize];
    private int _start;
    private int _end;
    private int _scanned;
    private bool _inString;
    private bool _escaped;
    private bool _final;
    private bool _arrayStarted;
    private bool _arrayEnded;
    private long _line = 1;
    private int _index;
    private JsonReaderState _state;

    private enum Step
    {
        Continue,
        Item,
        NeedMore,
        End,
    }

    public async IAsyncEnumerable<JsonArrayItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A stream may return fewer bytes than asked; the BOM check needs its three.
        do
        {
            await FillAsync(cancellationToken);
        }
        while (_end < 3 && !_final);

        if (_end - _start >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
        {
            _start = 3;
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (Next(out var item))
            {
                case Step.Item:
                    yield return item;
                    break;
                case Step.NeedMore when _final:
                    var pending = _buffer.AsSpan(_start, _end - _start);
                var leading = pending.IndexOfAnyExcept(" \t\r\n,"u8);
                var line = _line + pending[..(leading < 0 ? pending.Length : leading)].Count((byte)'\n');
                ReportThrow.Format(filePath, new SourceLocation(line, $"$[{_index}]"), null, "malformed JSON: the file ends inside the array");
                    break;
                case Step.NeedMore:
                    await FillAsync(cancellationToken);
                    break;
                case Step.End:
                    yield break;
            }
        }
    }

    private Step Next(out JsonArrayItem item)
    {
        item = default;
        var span = _buffer.AsSpan(_start, _scanned - _start);
        var reader = new Utf8JsonReader(span, _final && _scanned == _end, _state);
        var elementStart = -1;
        try
        {
            if (_arrayEnded)
            {
                // Only whitespace may follow; the reader throws on anything else.
                if (reader.Read() || !_final)
                {
                    Commit(ref reader, span);
                    return _final ? Step.End : Step.NeedMore;
                }

                return Step.End;
            }

            if (!reader.Read())
            {
                if (_final && !_arrayStarted)
                {
                    ReportThrow.Format(filePath, new SourceLocation(_line, "$"), null, "the file is empty; expected a JSON array");
                }

                return Step.NeedMore;
            }

            if (!_arrayStarted)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    ReportThrow.Format(filePath, new SourceLocation(_line + span[..(int)reader.TokenStartIndex].Count((byte)'\n'), "$"), null,
                        $"found {Describe(reader.TokenType)}, not an array; a report is a JSON array of objects ([] when empty)");
                }

                _arrayStarted = true;
                Commit(ref reader, span);
                return Step.Continue;
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                _arrayEnded = true;
                Commit(ref reader, span);
                return Step.Continue;
            }

            elementStart = (int)reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                var probe = reader;
                if (!probe.TrySkip())
                {
                    return Step.NeedMore;
                }
            }

            var line = _line + span[..elementStart].Count((byte)'\n');
            item = new JsonArrayItem(_index, line, JsonElement.ParseValue(ref reader));
            _index++;
            Commit(ref reader, span);
            return Step.Item;
        }
        catch (JsonException ex)
        {
            var (path, field) = elementStart < 0 ? (_arrayStarted ? $"$[{_index}]" : "$", null) : PathAt(span[elementStart..], _index, _final);
            var message = ReportFileReader.Reason(ex.Message);
            // The reader state carries the line count from the start of the file, so its 0-based line is absolute.
            return ReportThrow.Format<Step>(filePath, new SourceLocation((ex.LineNumber ?? (_line - 1)) + 1, path), field, $"malformed JSON: {message}", ex);
        }
    }

    private void Commit(ref Utf8JsonReader reader, ReadOnlySpan<byte> span)
    {
        var consumed = (int)reader.BytesConsumed;
        _line += span[..consumed].Count((byte)'\n');
        _start += consumed;
        _state = reader.CurrentState;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _scanned -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxElementBytes)
            {
                var pending = _buffer.AsSpan(_start, _end - _start);
                var leading = pending.IndexOfAnyExcept(" \t\r\n,"u8);
                var line = _line + pending[..(leading < 0 ? pending.Length : leading)].Count((byte)'\n');
                ReportThrow.Format(filePath, new SourceLocation(line, $"$[{_index}]"), null,
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the element is larger than {MaxElementBytes / (1024 * 1024)} MB; no report row or segment is"));
            }

            // One element is larger than the buffer: grow to hold it whole.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        _final = read == 0;
        Sanitize();
    }

    /// <summary>
    /// Turns each no-break space (C2 A0) outside strings into two spaces, keeping byte offsets and lines. Tracks string
    /// state across reads; a C2 at the end of the data waits for the next read before the reader may see it.
    /// </summary>
    private void Sanitize()
    {
        var i = _scanned;
        while (i < _end)
        {
            var b = _buffer[i];
            if (_inString)
            {
                if (_escaped)
                {
                    _escaped = false;
                }
                else if (b == (byte)'\\')
                {
                    _escaped = true;
                }
                else if (b == (byte)'"')
                {
                    _inString = false;
                }
            }
            else if (b == (byte)'"')
            {
                _inString = true;
            }
            else if (b == 0xC2)
            {
                if (i + 1 == _end && !_final)
                {
                    break;
                }

                if (i + 1 < _end && _buffer[i + 1] == 0xA0)
                {
                    _buffer[i] = (byte)' ';
                    _buffer[i + 1] = (byte)' ';
                    i++;
                }
            }

            i++;
        }

        _scanned = i;
    }

    /// <summary>Re-reads a broken element to say where inside it the reader gave up, and in which property.</summary>
    private static (string Path, string? Field) PathAt(ReadOnlySpan<byte> element, int index, bool isFinal)
    {
        var reader = new Utf8JsonReader(element, isFinal, default);
        var frames = new List<PathFrame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        CountArrayValue(frames);
                        frames.Add(new PathFrame(reader.TokenType == JsonTokenType.StartArray, -1, null));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        frames[^1] = frames[^1] with { Property = reader.GetString() };
                        break;
                    default:
                        CountArrayValue(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Expected: the element is broken; the frames say how far it got.
        }

        var path = $"$[{index}]";
        string? field = null;
        foreach (var frame in frames)
        {
            path += frame.IsArray
                ? (frame.Index >= 0 ? $"[{frame.Index}]" : string.Empty)
                : (frame.Property is null ? string.Empty : $".{frame.Property}");
            field = frame.Property ?? field;
        }

        return (path, field);
    }

    private static void CountArrayValue(List<PathFrame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "a JSON object (an error answer?)",
        JsonTokenType.String => "a JSON string",
        JsonTokenType.Number => "a JSON number",
        JsonTokenType.True or JsonTokenType.False => "a JSON boolean",
        JsonTokenType.Null => "JSON null",
        _ => token.ToString(),
    };

    private readonly record struct PathFrame(bool IsArray, int Index, string? Property);
}
