using System.Buffers;
using System.Globalization;
using System.Text;

namespace RcWarehouse.Core.Errors;

/// <summary>
/// Keeps error text bounded and free of data: a message is one line of at most <see cref="MaxMessageLength"/>
/// characters wherever it is produced, stored or printed, and a value from a file is quoted only as a short escaped
/// prefix. A 50 MB value must never become a 50 MB error line or <c>load_batch.error</c>.
/// </summary>
public static class ErrorText
{
    /// <summary>The longest error message kept anywhere (stderr, <c>etl.load_batch.error</c>, logs).</summary>
    public const int MaxMessageLength = 1000;

    /// <summary>How much of a value an error quotes.</summary>
    public const int MaxQuotedLength = 24;

    private static readonly SearchValues<char> Unprintable = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F\u0085\u2028\u2029\uFFFD");

    /// <summary>
    /// One line of at most <paramref name="max"/> characters: line breaks and other control characters become
    /// spaces, and a longer message is cut with a note of how much was left out.
    /// </summary>
    public static string Bound(string? message, int max = MaxMessageLength)
    {
        if (string.IsNullOrEmpty(message))
        {
            return string.Empty;
        }

        var clean = message.AsSpan().ContainsAny(Unprintable) ? Flatten(message, Math.Min(message.Length, max + 1)) : message;
        if (message.Length <= max)
        {
            return clean;
        }

        var note = string.Create(CultureInfo.InvariantCulture, $" ... ({message.Length - max:N0} more characters cut)");
        var keep = Math.Max(0, max - note.Length);
        return string.Concat(clean.AsSpan(0, Math.Min(keep, clean.Length)), note);
    }

    /// <summary>
    /// A value as an error may show it: in single quotes, at most <see cref="MaxQuotedLength"/> characters, control
    /// and invisible characters escaped (<c>\u0000</c>), and the total length when it was cut.
    /// </summary>
    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var shown = value.AsSpan(0, Math.Min(value.Length, MaxQuotedLength));
        var sb = new StringBuilder(shown.Length + 32).Append('\'');
        foreach (var c in shown)
        {
            if (c < ' ' || c == '\u007F' || char.IsSurrogate(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFFFD' or '\u00A0' or '\u200B' or '\uFEFF')
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                sb.Append(c);
            }
        }

        sb.Append('\'');
        if (value.Length > MaxQuotedLength)
        {
            sb.Insert(sb.Length - 1, "...").Append(CultureInfo.InvariantCulture, $" ({value.Length:N0} characters)");
        }

        return sb.ToString();
    }

    /// <summary>A name (field, column, element) as errors show it: quoted whole when short and printable, else like a value.</summary>
    public static string QuoteName(string name) =>
        name.Length <= 64 && !name.AsSpan().ContainsAny(Unprintable) ? $"'{name}'" : Quote(name);

    private static string Flatten(string message, int length)
    {
        var chars = message.AsSpan(0, length).ToArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (Unprintable.Contains(chars[i]))
            {
                chars[i] = chars[i] == '\uFFFD' ? '?' : ' ';
            }
        }

        return new string(chars);
    }
}
