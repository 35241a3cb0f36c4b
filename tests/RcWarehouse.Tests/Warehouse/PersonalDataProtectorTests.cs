using System.Security.Cryptography;
using System.Text;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.PersonalData;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

public sealed class PersonalDataProtectorTests
{
    [Theory]
    [InlineData("+15559878987", "*******8987")]
    [InlineData("+1 (555) 987-8987", "*******8987")]
    [InlineData("8987", "****")]
    [InlineData("agent@example.test", "****")]
    public void Mask_KeepsTheLastFourDigits(string value, string expected) =>
        Assert.Equal(expected, PersonalDataProtector.Mask.Address(value));

    [Fact]
    public void Mask_RedactsNotes_AndLeavesEmptyValuesAlone()
    {
        Assert.Equal("[redacted]", PersonalDataProtector.Mask.Notes("call back tomorrow"));
        Assert.Null(PersonalDataProtector.Mask.Notes(null));
        Assert.Equal(string.Empty, PersonalDataProtector.Mask.Address(string.Empty));
    }

    [Fact]
    public void Hash_IsHmacSha256Hex_StableAndKeyed()
    {
        var key = Encoding.UTF8.GetBytes("secret-1");
        var protector = PersonalDataProtector.Hash(key);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("+15559878987")));

        Assert.Equal(expected, protector.Address("+15559878987"));
        Assert.Equal(expected, protector.Address(" +15559878987 "));
        Assert.NotEqual(expected, PersonalDataProtector.Hash(Encoding.UTF8.GetBytes("secret-2")).Address("+15559878987"));
    }

    [Fact]
    public void SqlServerWithoutSecret_IsRefusedNamingTheSetting()
    {
        var options = new WarehouseOptions { Provider = WarehouseProvider.SqlServer, ConnectionString = "Server=x", PersonalDataSecret = null };

        var error = Assert.Throws<InvalidOperationException>(() => PersonalDataKeys.Resolve(options));

        Assert.Contains("Warehouse:PersonalDataSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SqliteWithoutSecret_KeepsOneKeyPerDatabase()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rcw-pii-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var options = new WarehouseOptions { ConnectionString = $"Data Source={Path.Combine(folder, "w.db")}" };

            var first = PersonalDataKeys.Resolve(options);
            var second = PersonalDataKeys.Resolve(options);

            Assert.Equal(32, first.Length);
            Assert.Equal(first, second);
            Assert.True(File.Exists(Path.Combine(folder, "w.db.pii.key")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
