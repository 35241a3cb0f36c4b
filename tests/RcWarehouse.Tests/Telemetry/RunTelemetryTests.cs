using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;
using RcWarehouse.Cli;
using RcWarehouse.Cli.Hosting.Telemetry;
using Xunit;

namespace RcWarehouse.Tests.Telemetry;

public sealed class RunTelemetryTests
{
    [Fact]
    public void Nothing_configured_is_off()
    {
        var telemetry = RunTelemetry.From(Configuration());

        Assert.False(telemetry.Enabled);
        Assert.Null(telemetry.HealthUri);
        Assert.Null(telemetry.OtlpUri);
    }

    [Fact]
    public void An_endpoint_and_an_otlp_collector_are_accepted()
    {
        var telemetry = RunTelemetry.From(Configuration(
            ("Operations:Health:Url", "http://127.0.0.1:9464"),
            ("Operations:Health:StuckJobAfter", "04:00:00"),
            ("Operations:Otlp:Endpoint", "http://collector:4317"),
            ("Operations:Otlp:Protocol", "Grpc"),
            ("Operations:Otlp:ExportInterval", "00:00:15")));

        Assert.Equal(new Uri("http://127.0.0.1:9464"), telemetry.HealthUri);
        Assert.Equal(TimeSpan.FromHours(4), telemetry.Health.StuckJobAfter);
        Assert.Equal(new Uri("http://collector:4317"), telemetry.OtlpUri);
        Assert.Equal(OtlpExportProtocol.Grpc, telemetry.Otlp.Protocol);
        Assert.Equal(TimeSpan.FromSeconds(15), telemetry.Otlp.ExportInterval);
    }

    [Theory]
    [InlineData("Operations:Health:Url", "https://127.0.0.1:9464")]
    [InlineData("Operations:Health:Url", "http://127.0.0.1:9464/health")]
    [InlineData("Operations:Health:Url", "http://monitoring.example.com:9464")]
    [InlineData("Operations:Health:Url", "hunter2")]
    [InlineData("Operations:Health:StuckJobAfter", "00:00:00")]
    [InlineData("Operations:Otlp:Endpoint", "hunter2")]
    [InlineData("Operations:Otlp:Endpoint", "ftp://collector:4317")]
    [InlineData("Operations:Otlp:ExportInterval", "-00:00:01")]
    public void A_bad_value_is_a_usage_error_naming_the_key_but_not_the_value(string key, string value)
    {
        var error = Assert.Throws<UsageException>(() => RunTelemetry.From(Configuration((key, value))));

        Assert.StartsWith($"configuration value {key} is not valid: expected ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://ops:hunter2@collector:4318/v1/metrics")]
    [InlineData("http://hunter2@collector:4317")]
    public void An_otlp_endpoint_with_a_user_or_password_is_refused_naming_the_key_and_never_the_credentials(string endpoint)
    {
        var error = Assert.Throws<UsageException>(() => RunTelemetry.From(Configuration(("Operations:Otlp:Endpoint", endpoint))));

        Assert.Equal(
            "configuration value Operations:Otlp:Endpoint is not valid: expected no user or password in the URL (give a collector's key in OTEL_EXPORTER_OTLP_HEADERS)",
            error.Message);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("collector:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_protocol_that_does_not_exist_names_the_key_and_the_choices()
    {
        var error = Assert.Throws<UsageException>(() => RunTelemetry.From(Configuration(("Operations:Otlp:Protocol", "Carrier-Pigeon"))));

        Assert.Equal("configuration value Operations:Otlp:Protocol is not valid: expected one of Grpc, HttpProtobuf", error.Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
