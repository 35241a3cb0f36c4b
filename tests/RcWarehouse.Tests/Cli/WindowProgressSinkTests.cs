using RcWarehouse.Cli.Progress;
using Serilog;
using Xunit;

namespace RcWarehouse.Tests.Cli;

public sealed class WindowProgressSinkTests
{
    [Fact]
    public void On_a_terminal_each_step_of_a_window_is_a_line()
    {
        var lines = Run(WindowProgressMode.LandAndLoad, terminal: true);

        Assert.Equal(6, lines.Length);
        Assert.EndsWith("cx/500 queue-stats 08:00-11:00: requested", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("cx/500 queue-stats 08:00-11:00: landed 1200 bytes, loading", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("window 1/2 cx/500 queue-stats 08:00-11:00: loaded 16 rows (batch 7)", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("cx/500 queue-stats 11:00-14:00: waiting 20 s for the rate-limit budget, then requesting", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("window 2/2 cx/500 queue-stats 11:00-14:00: loaded 3 rows (batch 8)", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public void Redirected_there_is_one_line_per_window_when_it_is_loaded()
    {
        var lines = Run(WindowProgressMode.LandAndLoad, terminal: false);

        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ window 1/2 cx/500 queue-stats 08:00-11:00: loaded 16 rows \(batch 7\)$", lines[0]);
    }

    [Fact]
    public void For_extract_a_window_is_done_when_it_is_landed()
    {
        var lines = Run(WindowProgressMode.LandOnly, terminal: false);

        Assert.Equal(2, lines.Length);
        Assert.EndsWith("window 2/2 cx/500 queue-stats 11:00-14:00: landed 300 bytes", lines[1], StringComparison.Ordinal);
    }

    private static string[] Run(WindowProgressMode mode, bool terminal)
    {
        using var output = new StringWriter();
        using (var logger = new LoggerConfiguration().WriteTo.Sink(new WindowProgressSink(output, mode, terminal)).CreateLogger())
        {
            logger.Information(WindowProgressSink.PlannedTemplate, "cx", "500", "queue-stats", 2);
            logger.Information(WindowProgressSink.RequestedTemplate, "queue-stats", "08:00-11:00", "cx", "500", TimeSpan.Zero);
            logger.Information(WindowProgressSink.LandedTemplate, "queue-stats", "08:00-11:00", "cx", "500", 1200, "/l/a.json");
            if (mode == WindowProgressMode.LandAndLoad)
            {
                logger.Information(WindowProgressSink.LoadedTemplate, 16, "/l/a.json", 7);
            }

            logger.Information(WindowProgressSink.RequestedTemplate, "queue-stats", "11:00-14:00", "cx", "500", TimeSpan.FromSeconds(19.2));
            logger.Information(WindowProgressSink.LandedTemplate, "queue-stats", "11:00-14:00", "cx", "500", 300, "/l/b.json");
            if (mode == WindowProgressMode.LandAndLoad)
            {
                logger.Information(WindowProgressSink.LoadedTemplate, 3, "/l/b.json", 8);
            }
        }

        return output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
    }
}
