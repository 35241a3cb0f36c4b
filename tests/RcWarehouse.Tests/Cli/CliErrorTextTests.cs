using RcWarehouse.Cli;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Logging;
using Xunit;

namespace RcWarehouse.Tests.Cli;

public sealed class CliErrorTextTests
{
    [Theory]
    [InlineData("Server=db;User Id=sa;Password=p@ss;Encrypt=True", "Server=db;User Id=sa;Password=***;Encrypt=True")]
    [InlineData("Server=db;uid=sa;pwd=p@ss", "Server=db;uid=sa;pwd=***")]
    [InlineData("Server=db;Password=\"a;b\";Database=x", "Server=db;Password=***;Database=x")]
    [InlineData("Server=db;Password='it''s';Database=x", "Server=db;Password=***;Database=x")]
    [InlineData("Data Source=w.db", "Data Source=w.db")]
    [InlineData("ClientSecret=abc; Jwt=eyJ.x.y; AccessToken = t0k", "ClientSecret=***; Jwt=***; AccessToken = ***")]
    [InlineData("{\"ClientSecret\": \"abc\", \"Name\": \"n\"}", "{\"ClientSecret\": \"***\", \"Name\": \"n\"}")]
    [InlineData("warehouse: SqlServer Server=sqlserver,1433;Database=RcWarehouse;User Id=sa;Password=RcWarehouse!2026;TrustServerCertificate=True; landed", "warehouse: SqlServer Server=sqlserver,1433;Database=RcWarehouse;User Id=sa;Password=***;TrustServerCertificate=True; landed")]
    public void Redaction_masks_the_value_of_every_secret_keyword_and_nothing_else(string text, string expected) =>
        Assert.Equal(expected, Redaction.Redact(text));

    [Fact]
    public void A_configuration_argument_error_is_exit_2_without_the_parameter_suffix()
    {
        var failure = CliErrors.Describe(new ArgumentException("Warehouse:BusinessTimeZone 'X' is not a time zone this machine knows.", "options"), "status", null);

        Assert.Equal(ExitCodes.Usage, failure.ExitCode);
        Assert.Equal("Warehouse:BusinessTimeZone 'X' is not a time zone this machine knows.", failure.Line);
    }

    [Fact]
    public void Other_failures_are_exit_1_with_the_message_only()
    {
        var failure = CliErrors.Describe(new InvalidOperationException("The landed file is gone.\nLook in landing/."), "rerun", null);

        Assert.Equal(ExitCodes.Failure, failure.ExitCode);
        Assert.Equal("The landed file is gone. Look in landing/.", failure.Line);
    }

    [Theory]
    [InlineData("stauts", "status")]
    [InlineData("STATUS", "status")]
    [InlineData("sta", "status")]
    [InlineData("migrat", "migrate")]
    [InlineData("load", "load-files")]
    [InlineData("xyzzy", null)]
    public void The_nearest_command_is_suggested_only_when_close(string word, string? expected) =>
        Assert.Equal(expected, CommandSuggestion.Nearest(word, ["migrate", "load-files", "extract", "sync", "sync-reference", "simulate", "demo", "status", "rerun", "run", "backfill"]));

    [Theory]
    [InlineData(null, true)]
    [InlineData("Data Source=data/warehouse.db", true)]
    [InlineData("Data Source=/var/lib/rcw/w.sqlite", true)]
    [InlineData("Server=sql1;Database=rcw;Integrated Security=true", false)]
    [InlineData("Data Source=sql1;Initial Catalog=rcw;User Id=u;Password=p", false)]
    public void A_SQLite_or_missing_connection_string_is_not_a_SQL_Server_one(string? connection, bool missing) =>
        Assert.Equal(missing, SqlServerConnect.IsMissingOrSqlite(connection));
}
