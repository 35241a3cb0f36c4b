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

    [Theory]
    [InlineData("Server=db;User Id=loader;Pasword=hunter2", "hunter2")]
    [InlineData("Server=db;User Id=loader;Password=hun;ter2;Encrypt=True", "ter2")] // an unquoted ';' in a password
    public void AConnectionStringSqlClientCannotRead_IsRefusedNamingTheSettingAndQuotingNothingOfIt(string connectionString, string secret)
    {
        var error = Assert.Throws<ArgumentException>(() => SqlServerConnectionString.WithDefaults(connectionString));

        Assert.Contains("Warehouse:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("must be quoted", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
