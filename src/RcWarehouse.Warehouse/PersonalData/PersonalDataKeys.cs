using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace RcWarehouse.Warehouse.PersonalData;

/// <summary>Finds the HMAC key for <see cref="PersonalDataMode.Hash"/>. The key itself is never logged or put in a message.</summary>
internal static class PersonalDataKeys
{
    public const string KeyFileSuffix = ".pii.key";

    public static PersonalDataProtector CreateProtector(WarehouseOptions options) => options.PersonalData switch
    {
        PersonalDataMode.Store => PersonalDataProtector.Store,
        PersonalDataMode.Mask => PersonalDataProtector.Mask,
        PersonalDataMode.Hash => PersonalDataProtector.Hash(Resolve(options)),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.PersonalData, "Unknown Warehouse:PersonalData mode."),
    };

    /// <summary>
    /// The configured secret; otherwise, for a SQLite file, a random key kept next to the database (so the hashes stay
    /// stable for as long as the file lives, and a copied database needs its key file to be joined with new loads).
    /// SQL Server has no such place the loader could trust, so it refuses.
    /// </summary>
    public static byte[] Resolve(WarehouseOptions options)
    {
        if (!string.IsNullOrEmpty(options.PersonalDataSecret))
        {
            return Encoding.UTF8.GetBytes(options.PersonalDataSecret);
        }

        if (options.Provider != WarehouseProvider.Sqlite)
        {
            throw new InvalidOperationException(
                "Warehouse:PersonalData is Hash but Warehouse:PersonalDataSecret is not set (environment RCW_Warehouse__PersonalDataSecret): " +
                "set a long random secret and keep it, or choose Warehouse:PersonalData=Mask or Store. Segments are not loaded without it.");
        }

        var dataSource = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase)
            || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            // Nothing outlives the process, so neither needs the key.
            return RandomNumberGenerator.GetBytes(32);
        }

        return ReadOrCreateKeyFile(Path.GetFullPath(dataSource) + KeyFileSuffix);
    }

    public static string KeyFilePath(string databasePath) => Path.GetFullPath(databasePath) + KeyFileSuffix;

    private static byte[] ReadOrCreateKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var created = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            try
            {
                // Only the account that runs the loader may read the key (on Unix; Windows inherits the folder's ACL).
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var stream = new FileStream(path, options);
                stream.Write(Encoding.ASCII.GetBytes(created));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another loader created it first: use theirs, so both hash alike.
            }
        }

        var text = File.ReadAllText(path).Trim();
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{path}: the personal-data key file is not hex; restore it from a backup or set Warehouse:PersonalDataSecret.", ex);
        }
    }
}
