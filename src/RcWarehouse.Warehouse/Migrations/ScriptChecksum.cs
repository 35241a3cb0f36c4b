using System.Security.Cryptography;
using System.Text;

namespace RcWarehouse.Warehouse.Migrations;

/// <summary>
/// The SHA-256 the journal keeps for a script: lower-case hex over the UTF-8 text with line endings normalised to LF,
/// so a checkout with CRLF (git autocrlf) is not mistaken for an edit while any real change is.
/// </summary>
internal static class ScriptChecksum
{
    public static string Compute(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (normalized.Length > 0 && normalized[0] == '\uFEFF')
        {
            normalized = normalized[1..];
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
