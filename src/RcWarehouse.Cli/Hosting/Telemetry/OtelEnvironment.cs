using System.Collections;

namespace RcWarehouse.Cli.Hosting.Telemetry;

/// <summary>
/// The standard <c>OTEL_*</c> environment variables, under their own names. The OpenTelemetry exporter reads them (a
/// collector's key in <c>OTEL_EXPORTER_OTLP_HEADERS</c>, say) from the host's configuration, and <c>run</c>'s host
/// starts with an empty one (its settings come from <c>RCW_</c> variables and files), so they are handed over here.
/// Endpoint, protocol and export interval are still those of <c>Operations:Otlp</c>, set on the exporter after.
/// </summary>
public static class OtelEnvironment
{
    private const string Prefix = "OTEL_";

    public static IReadOnlyDictionary<string, string?> Variables() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Where(e => e.Key is string key && key.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
}
