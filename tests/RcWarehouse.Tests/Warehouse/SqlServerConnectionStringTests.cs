using Microsoft.Data.SqlClient;
using RcWarehouse.Warehouse.SqlServer;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

public sealed class SqlServerConnectionStringTests
{
    [Fact]
    public void WithoutAnApplicationName_SessionsAreNamedRcwarehouse()
    {
        var builder = new SqlConnectionStringBuilder(SqlServerConnectionString.WithDefaults("Server=db.example.com;Database=RcWarehouse;Integrated Security=True"));

        Assert.Equal("rcwarehouse", builder.ApplicationName);
        Assert.Equal("db.example.com", builder.DataSource);
        Assert.Equal("RcWarehouse", builder.InitialCatalog);
        Assert.True(builder.IntegratedSecurity);
    }

    [Theory]
    [InlineData("Server=db;Application Name=PowerBI-refresh")]
    [InlineData("Server=db;App=PowerBI-refresh")]
    public void AnApplicationNameTheUserSet_IsKept(string connectionString)
    {
        var builder = new SqlConnectionStringBuilder(SqlServerConnectionString.WithDefaults(connectionString));

        Assert.Equal("PowerBI-refresh", builder.ApplicationName);
    }

    [Fact]
    public void Encryption_IsLeftAtSqlClientsMandatoryDefault_WithTheCertificateVerified()
    {
        var builder = new SqlConnectionStringBuilder(SqlServerConnectionString.WithDefaults("Server=db"));

        Assert.Equal(SqlConnectionEncryptOption.Mandatory, builder.Encrypt);
        Assert.False(builder.TrustServerCertificate);
    }

    [Fact]
    public void EncryptionTheUserChose_IsKept()
    {
        var builder = new SqlConnectionStringBuilder(SqlServerConnectionString.WithDefaults("Server=db;Encrypt=Strict"));

        Assert.Equal(SqlConnectionEncryptOption.Strict, builder.Encrypt);
    }

    [Fact]
    public void AnUnknownKeyword_IsRefusedNamingTheSettingAndTheKeyword_NeverTheValue()
    {
        var error = Assert.Throws<ArgumentException>(() => SqlServerConnectionString.WithDefaults("Server=db;User Id=loader;Pasword=hunter2"));

        Assert.Contains("Warehouse:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("pasword", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
