using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace RcWarehouse.Warehouse.Operations;

/// <summary>
/// Identifies the process that runs a batch as <c>machine/pid/start-ticks</c>. The start time tells a live process
/// from a later one that reused the id (a restarted container is often pid 1 again on the same host name).
/// </summary>
internal static class BatchOwner
{
    private static readonly Lazy<string> Current = new(() =>
    {
        using var process = Process.GetCurrentProcess();
        return Format(Environment.MachineName, Environment.ProcessId, StartTicks(process));
    });

    public static string CurrentOwner => Current.Value;

    public static string Format(string machine, int processId, long startTicks) =>
        string.Create(CultureInfo.InvariantCulture, $"{machine}/{processId}/{startTicks}");

    /// <summary>
    /// True only when the owner ran on this machine and that process is gone (or the id now belongs to a process that
    /// started at another time). Owners on other machines, and anything that cannot be checked, count as alive.
    /// </summary>
    public static bool IsKnownDead(string? owner)
    {
        if (owner is null)
        {
            return false;
        }

        var parts = owner.Split('/');
        if (parts.Length != 3
            || !string.Equals(parts[0], Environment.MachineName, StringComparison.OrdinalIgnoreCase)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var startTicks))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return true;
            }

            // Start times read back from the OS are precise to its clock tick; a second apart is another process.
            return Math.Abs(StartTicks(process) - startTicks) > TimeSpan.TicksPerSecond;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return false;
        }
    }

    private static long StartTicks(Process process) => process.StartTime.ToUniversalTime().Ticks;
}
