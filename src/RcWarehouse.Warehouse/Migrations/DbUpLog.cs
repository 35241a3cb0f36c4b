using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;

namespace RcWarehouse.Warehouse.Migrations;

/// <summary>
/// DbUp's progress into our logger. Its errors are logged at Debug: the failure reaches the operator once, as the
/// command's error line naming the script, not a second time as DbUp's full exception dump on the console.
/// </summary>
internal sealed class DbUpLog(ILogger logger) : IUpgradeLog
{
    public void LogTrace(string format, params object[] args) => Log(LogLevel.Trace, format, args);

    public void LogDebug(string format, params object[] args) => Log(LogLevel.Debug, format, args);

    public void LogInformation(string format, params object[] args) => Log(LogLevel.Information, format, args);

    public void LogWarning(string format, params object[] args) => Log(LogLevel.Warning, format, args);

    public void LogError(string format, params object[] args) => Log(LogLevel.Debug, format, args);

    public void LogError(Exception ex, string format, params object[] args) => Log(LogLevel.Debug, format, args);

    private void Log(LogLevel level, string format, object[] args)
    {
        if (logger.IsEnabled(level))
        {
            logger.Log(level, "{DbUp}", args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        }
    }
}
