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

    [Theory]
    [InlineData("Server=h;Password=p", 15, 7, 1)] // by default one reconnect 1 s apart (idle-connection recovery): (15 - 1) / 2
    [InlineData("Server=h;Password=p;Connect Timeout=60", 15, 7, 1)] // a longer timeout is cut to the bound
    [InlineData("Server=h;Password=p;Connect Timeout=5", 15, 5, 1)] // a shorter one is kept
    [InlineData("Server=h;Password=p;ConnectRetryCount=0", 15, 15, 0)] // retries turned off: one attempt gets the whole bound
    [InlineData("Server=h;Password=p;ConnectRetryCount=1;ConnectRetryInterval=5", 25, 10, 1)] // (25 - 5) / 2
    [InlineData("Server=h;Password=p;ConnectRetryCount=3;ConnectRetryInterval=10", 15, 1, 3)] // at least one second
    public void The_connect_timeout_and_retries_fit_within_the_bound(string connection, int boundSeconds, int timeout, int retries)
    {
        var bounded = new SqlConnectionStringBuilder(SqlServerConnectionString.WithDefaults(connection, TimeSpan.FromSeconds(boundSeconds)));

        Assert.Equal(timeout, bounded.ConnectTimeout);
        Assert.Equal(retries, bounded.ConnectRetryCount);
        Assert.Equal("p", bounded.Password);
    }
}
