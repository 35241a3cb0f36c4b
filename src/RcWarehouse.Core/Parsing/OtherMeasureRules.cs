using System.Globalization;
using System.Text;
using RcWarehouse.Core.Errors;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// How a field the loader does not know is stored: under one name whatever the generation spelled it (legacy
/// <c>ringing_dur</c> and current <c>ringingDur</c> are both <c>ringing_dur</c>; the current generation's <c>Ixn</c>
/// is the legacy <c>call</c>), with its number rounded to thousandths like every stored duration.
/// </summary>
public static class OtherMeasureRules
{
    /// <summary>What the measure-name column holds (nvarchar(128)).</summary>
    public const int MaxNameLength = 128;

    /// <summary>decimal(19,3) on SQL Server: 16 digits before the point.</summary>
    public const decimal MaxMagnitude = 9_999_999_999_999_999.999m;

    private const NumberStyles NumberStyle =
        NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign |
        NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>
    /// snake_case of the name: camelCase split into words (<c>ACWTime</c> is <c>acw_time</c>), anything but letters and
    /// digits a single underscore, lower case, and the word <c>ixn</c> read as <c>call</c>.
    /// </summary>
    public static string Normalize(string name)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var text = name.Trim();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                Flush(words, word);
                continue;
            }

            if (char.IsAsciiLetterUpper(c) && word.Length > 0)
            {
                var previous = text[i - 1];
                var nextIsLower = i + 1 < text.Length && char.IsAsciiLetterLower(text[i + 1]);
                if (char.IsAsciiLetterLower(previous) || char.IsAsciiDigit(previous) || (char.IsAsciiLetterUpper(previous) && nextIsLower))
                {
                    Flush(words, word);
                }
            }

            word.Append(char.ToLowerInvariant(c));
        }

        Flush(words, word);
        return string.Join('_', words.Select(w => w == "ixn" ? "call" : w));
    }

    /// <summary>
    /// Null when <paramref name="text"/> is a number (in <paramref name="value"/>, rounded to thousandths); an empty
    /// problem when it is not a number at all (the field is not kept for this row); a problem text when it is a number
    /// the warehouse cannot hold.
    /// </summary>
    public static string? TryParse(string text, out decimal value)
    {
        value = 0;
        if (text.Any(char.IsControl) || !decimal.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out var number))
        {
            // A number too large for decimal itself parses as a double: it is a number, and too large.
            return double.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && !text.Any(char.IsControl)
                ? $"{ErrorText.Quote(text)} is beyond the largest measure the warehouse holds (9,999,999,999,999,999.999)"
                : string.Empty;
        }

        if (Math.Abs(number) > MaxMagnitude)
        {
            return $"{ErrorText.Quote(text)} is beyond the largest measure the warehouse holds (9,999,999,999,999,999.999)";
        }

        value = Math.Round(number, 3, MidpointRounding.AwayFromZero);
        return null;
    }

    private static void Flush(List<string> words, StringBuilder word)
    {
        if (word.Length > 0)
        {
            words.Add(word.ToString());
            word.Clear();
        }
    }
}
