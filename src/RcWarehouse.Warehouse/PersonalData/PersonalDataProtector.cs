using System.Security.Cryptography;
using System.Text;

namespace RcWarehouse.Warehouse.PersonalData;

/// <summary>
/// Applies <see cref="PersonalDataMode"/> to a segment's phone numbers and notes before they are staged, so neither
/// engine ever receives clear text in Mask or Hash mode.
/// </summary>
internal sealed class PersonalDataProtector
{
    public const string RedactedNotes = "[redacted]";

    private readonly byte[]? _key;

    private PersonalDataProtector(PersonalDataMode mode, byte[]? key)
    {
        Mode = mode;
        _key = key;
    }

    public static PersonalDataProtector Store { get; } = new(PersonalDataMode.Store, null);

    public static PersonalDataProtector Mask { get; } = new(PersonalDataMode.Mask, null);

    public PersonalDataMode Mode { get; }

    public static PersonalDataProtector Hash(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException("The personal-data key is empty.", nameof(key));
        }

        return new PersonalDataProtector(PersonalDataMode.Hash, key);
    }

    public string? Address(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        return Mode switch
        {
            PersonalDataMode.Store => value,
            PersonalDataMode.Mask => MaskNumber(value),
            _ => HashText(value.Trim()),
        };
    }

    /// <summary>The length <see cref="Address"/> gives, without hashing (a hex HMAC-SHA256 is always 64 characters).</summary>
    public int AddressLength(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }

        if (Mode == PersonalDataMode.Store)
        {
            return value.Length;
        }

        if (Mode == PersonalDataMode.Mask)
        {
            var digits = value.Count(char.IsAsciiDigit);
            return digits > 4 ? digits : Math.Max(4, digits);
        }

        return HMACSHA256.HashSizeInBytes * 2;
    }

    public string? Notes(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        return Mode switch
        {
            PersonalDataMode.Store => value,
            PersonalDataMode.Mask => RedactedNotes,
            _ => HashText(value),
        };
    }

    // Only digits count: "+1 (555) 987-8987" and "15559878987" both become "*******8987". Fewer than five digits
    // (an extension, an e-mail address) leave nothing worth keeping, so all of it is starred.
    private static string MaskNumber(string value)
    {
        var digits = value.Where(char.IsAsciiDigit).ToArray();
        return digits.Length > 4
            ? new string('*', digits.Length - 4) + new string(digits[^4..])
            : new string('*', Math.Max(4, digits.Length));
    }

    private string HashText(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key!, Encoding.UTF8.GetBytes(value)));
}
