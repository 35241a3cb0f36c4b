using System.Text.RegularExpressions;

namespace RcWarehouse.Cli.Logging;

/// <summary>
/// The one place secrets are taken out of text before it is printed or logged: the value of every connection-string or
/// settings keyword that names a password, secret, token, JWT or key (<c>Password=</c>, <c>Pwd=</c>, <c>ClientSecret=</c>,
/// <c>AccessToken=</c>, <c>Jwt=</c>, ...) becomes <c>***</c>. Error lines, log lines (console and file) and <c>demo</c>'s
/// summary all pass through it, so a connection string can be printed without its password.
/// </summary>
public static partial class Redaction
{
    public const string Mask = "***";

    /// <summary>Text with the value after every secret-naming <c>keyword=</c> (or JSON <c>"keyword": "value"</c>) masked.</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var masked = KeywordValue().Replace(text, m => $"{m.Groups["key"].Value}{m.Groups["sep"].Value}{Mask}");
        return JsonProperty().Replace(masked, m => $"{m.Groups["key"].Value}{m.Groups["sep"].Value}\"{Mask}\"");
    }

    // keyword = value, as in connection strings and "Key=Value" messages: a quoted value runs to its closing quote
    // (connection strings quote values that hold ';'), an unquoted one to the next ';', quote, or line end.
    [GeneratedRegex(
        """(?<key>\b[\w ]*?(?:password|pwd|secret|token|jwt|apikey|api key)[\w]*)(?<sep>\s*=\s*)(?:"(?:[^"]|"")*"|'(?:[^']|'')*'|[^;"'\r\n]*)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex KeywordValue();

    // "ClientSecret": "value" in JSON (a settings file echoed in a message, or a structured log property).
    [GeneratedRegex(
        @"(?<key>""\w*(?:password|pwd|secret|token|jwt)\w*"")(?<sep>\s*:\s*)""(?:[^""\\]|\\.)*""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex JsonProperty();
}
