using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using RcWarehouse.Cli.Logging;

namespace RcWarehouse.Cli;

/// <summary>
/// What the command boundary prints for a failure: one plain line (no exception type names, no "(Parameter 'x')", no
/// secrets) and its exit code. The type and stack trace are for <c>--verbose</c> and the log file.
/// </summary>
public static partial class CliErrors
{
    /// <summary>SqlException numbers that mean the connection itself failed (network, timeout, login, database unavailable).</summary>
    private static readonly HashSet<int> ConnectionErrors = [-2, 2, 26, 40, 53, 64, 121, 233, 258, 1225, 4060, 10053, 10054, 10060, 10061, 11001, 11004, 18456];

    /// <param name="exception">What the command threw.</param>
    /// <param name="command">The command's name (the step a connection failure names).</param>
    /// <param name="sqlServerHost">The configured SQL Server, when the warehouse is on SQL Server.</param>
    public static CliFailure Describe(Exception exception, string command, string? sqlServerHost)
    {
        var failure = exception switch
        {
            UsageException usage => new CliFailure(ExitCodes.Usage, usage.Message),
            _ when Find<SqlException>(exception) is { } sql => new CliFailure(ExitCodes.Failure, SqlServer(sql, command, sqlServerHost)),
            ArgumentException argument when ConfigurationKey().IsMatch(argument.Message) => new CliFailure(ExitCodes.Usage, WithoutParameter(argument)),
            ArgumentException argument => new CliFailure(ExitCodes.Failure, WithoutParameter(argument)),
            _ => new CliFailure(ExitCodes.Failure, exception.Message),
        };
        // Bounded (ErrorText): an error that quotes a file's value must never print that value whole.
        return failure with { Line = Core.Errors.ErrorText.Bound(Redaction.Redact(failure.Line.ReplaceLineEndings(" ").Trim())) };
    }

    /// <summary>An argument exception's own message, without the " (Parameter 'name')" .NET appends.</summary>
    public static string WithoutParameter(ArgumentException exception)
    {
        var message = exception.Message;
        var suffix = exception.ParamName is { } name ? $" (Parameter '{name}')" : null;
        return suffix is not null && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }

    private static string SqlServer(SqlException sql, string command, string? host)
    {
        var where = host is null ? "SQL Server" : $"SQL Server at {host}";
        if (!IsConnectionFailure(sql))
        {
            return $"{where}, {command}: {sql.Message}";
        }

        // The socket's own reason ("Connection refused", "No such host is known") says more than SqlClient's paragraph;
        // SqlClient's managed network layer on Linux may wrap one that says only "Success", which says nothing.
        var reason = Chain(sql).OfType<SocketException>().FirstOrDefault(s => s.SocketErrorCode != SocketError.Success)?.Message
            ?? FirstSentence(sql.Message) + (ProviderDetail().Match(sql.Message) is { Success: true } detail ? " " + detail.Value : "");
        return $"connecting to {where} for {command}: {reason}";
    }

    private static bool IsConnectionFailure(SqlException sql) =>
        sql.Errors.Cast<SqlError>().Any(e => ConnectionErrors.Contains(e.Number))
        || sql.Message.Contains("establishing a connection", StringComparison.OrdinalIgnoreCase)
        || sql.Message.Contains("Connection Timeout Expired", StringComparison.OrdinalIgnoreCase);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    // "(provider: TCP Provider, error: 35 - An internal exception was caught)": where SqlClient gave up.
    [GeneratedRegex(@"\(provider: [^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex ProviderDetail();

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    // Messages that name a setting ("Warehouse:BusinessTimeZone ...", "Source 'x': IntervalMinutes ...") are configuration errors.
    [GeneratedRegex(@"^(?:(?:Warehouse|RingCx|Operations|Logging):\w|Source ')", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigurationKey();
}
