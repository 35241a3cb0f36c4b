using System.Buffers;
using System.Text.Unicode;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// Finds the first byte sequence of a file that is not UTF-8, with its line. Used only on the error path: decoders
/// work a buffer ahead of the record being read, so their own position does not say which line holds the bad byte.
/// </summary>
internal static class Utf8Locator
{
    public static (long Line, long Offset, byte Value)? FindInvalid(string path)
    {
        using var stream = ReportFileStreams.OpenRead(path);
        var bytes = new byte[ReportFileStreams.BufferSize];
        var chars = new char[ReportFileStreams.BufferSize];
        var line = 1L;
        var offset = 0L;
        var carried = 0;
        while (true)
        {
            var read = stream.Read(bytes, carried, bytes.Length - carried);
            var available = carried + read;
            var final = read == 0;
            var position = 0;
            while (position < available)
            {
                var status = Utf8.ToUtf16(bytes.AsSpan(position, available - position), chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: final);
                line += bytes.AsSpan(position, consumed).Count((byte)'\n');
                position += consumed;
                if (status == OperationStatus.InvalidData)
                {
                    return (line, offset + position, bytes[position]);
                }

                if (status == OperationStatus.NeedMoreData)
                {
                    break;
                }
            }

            if (final)
            {
                return null;
            }

            carried = available - position;
            Buffer.BlockCopy(bytes, position, bytes, 0, carried);
            offset += position;
        }
    }
}
