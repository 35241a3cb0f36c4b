using System.CommandLine;
using System.Net;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Hosting.Telemetry;

namespace RcWarehouse.Cli.Commands;

/// <summary>
/// <c>health</c>: asks a running <c>run</c>'s <c>/healthz</c> and exits 0 when it answers 200, 1 otherwise. The
/// container's HEALTHCHECK uses it: the runtime image has neither curl nor wget.
/// </summary>
public static class HealthCommand
{
    private static readonly Option<Uri?> Url = new("--url")
    {
        Description = "The endpoint to ask (default: Operations:Health:Url, the one run listens on).",
        CustomParser = result => Uri.TryCreate(result.Tokens.Single().Value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp
            ? uri
            : ParseError(result),
    };

    private static readonly Option<TimeSpan> Timeout = new("--timeout")
    {
        Description = "How long to wait for the answer (default 00:00:05).",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(5),
    };

    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command("health", "Ask the running service's /healthz (Operations:Health:Url): exit 0 when healthy, 1 when not or when nothing answers.") { Url, Timeout };
        command.SetAction(action);
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var url = context.ParseResult.GetValue(Url) ?? RunTelemetry.From(context.Configuration).HealthUri
            ?? throw new UsageException("no health endpoint is configured: set Operations:Health:Url (environment RCW_Operations__Health__Url) as for run, or pass --url");
        var probe = new Uri(Reachable(url), "healthz");
        using var http = new HttpClient { Timeout = context.ParseResult.GetValue(Timeout) };
        try
        {
            using var response = await http.GetAsync(probe, cancellationToken);
            var reason = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            var line = Core.Errors.ErrorText.Bound($"health: {(int)response.StatusCode} {reason}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                await context.Console.Out.WriteLineAsync(line);
                return ExitCodes.Success;
            }

            await context.Console.Error.WriteLineAsync(line);
            return ExitCodes.Failure;
        }
        catch (HttpRequestException ex)
        {
            await context.Console.Error.WriteLineAsync($"health: no answer from {probe} ({ex.HttpRequestError})");
            return ExitCodes.Failure;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await context.Console.Error.WriteLineAsync($"health: no answer from {probe} within {http.Timeout}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>A service listening on every address (0.0.0.0, [::]) is asked on the loopback one.</summary>
    private static Uri Reachable(Uri url)
    {
        var builder = new UriBuilder(url) { Path = "/" };
        if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)))
        {
            builder.Host = address.Equals(IPAddress.Any) ? "127.0.0.1" : "[::1]";
        }

        return builder.Uri;
    }

    private static Uri? ParseError(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError("--url must be an absolute http URL such as http://127.0.0.1:9464");
        return null;
    }
}
