using OpenTelemetry.Exporter;

namespace RcWarehouse.Cli.Hosting.Telemetry;

/// <summary>OTLP export of <c>run</c>'s metrics (configuration section <c>Operations:Otlp</c>); off unless <see cref="Endpoint"/> is set.</summary>
public sealed class OtlpOptions
{
    public const string SectionName = "Operations:Otlp";

    /// <summary>The collector: <c>http://collector:4318/v1/metrics</c> for HttpProtobuf (the full path), <c>http://collector:4317</c> for Grpc.</summary>
    public string Endpoint { get; set; } = "";

    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.HttpProtobuf;

    /// <summary>How often the metrics are pushed.</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(60);
}
