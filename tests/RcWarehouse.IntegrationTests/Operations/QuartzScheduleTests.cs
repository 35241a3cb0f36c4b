using RcWarehouse.Cli;
using RcWarehouse.Cli.Commands;
using RcWarehouse.Cli.Scheduling;
using Xunit;

namespace RcWarehouse.IntegrationTests.Operations;

/// <summary>The real Quartz scheduler of <c>run</c>, fed by schedule files, fires the jobs (on the system clock).</summary>
public sealed class QuartzScheduleTests
{
    [Fact]
    public async Task RunHost_WithScheduleFiles_FiresTheEnabledJobs()
    {
        // Given schedule files: intraday every second, nightly and reference switched off
        var ct = TestContext.Current.CancellationToken;
        await using var h = await OperationsHarness.StartAsync(TimeProvider.System.GetUtcNow());
        var folder = Directory.CreateDirectory(h.Folder.File("schedules")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "intraday.json"), """{ "job": "intraday", "cron": "* * * * * ?", "timeZone": "UTC", "enabled": true, "misfire": "FireOnceNow" }""", ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "nightly.json"), """{ "job": "nightly", "cron": "0 30 2 * * ?", "enabled": false }""", ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "reference.json"), """{ "job": "reference", "cron": "0 0 * * * ?", "timeZone": "Europe/Berlin", "enabled": false, "misfire": "DoNothing" }""", ct);
        var schedules = await JobSchedules.LoadAsync(folder, ct);
        Assert.Equal(["intraday on", "nightly off", "reference off"], schedules.Select(s => $"{s.Job} {(s.Enabled ? "on" : "off")}"));
        Assert.Equal(MisfirePolicy.DoNothing, schedules[2].Misfire);

        // When the service's host runs until the intraday job has published something
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var host = RunCommand.Build(new CliConsole(output, errors), h.RingCx, h.WarehouseOptions, h.Operations, schedules, TimeProvider.System);
        await ((RcWarehouse.Warehouse.IWarehouse)host.Services.GetService(typeof(RcWarehouse.Warehouse.IWarehouse))!).MigrateAsync(ct);
        await host.StartAsync(ct);
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60);
        long published = 0;
        while (published == 0 && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(200, ct);
            published = await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'succeeded'");
        }

        await host.StopAsync(ct);

        // Then Quartz fired the intraday job (and only it), which loaded and logged its run
        Assert.True(published > 0, "the intraday job never published; log:\n" + errors);
        Assert.Contains("Job intraday finished", errors.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Job nightly", errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(0L, await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'running'"));
    }

    [Fact]
    public async Task DefaultScheduleFiles_InTheRepository_Load()
    {
        var schedules = await JobSchedules.LoadAsync(Path.Combine(Support.RepoPaths.Root, "schedules"), TestContext.Current.CancellationToken);
        Assert.Equal(["intraday 0 5/15 * * * ?", "nightly 0 30 2 * * ?", "reference 0 0 * * * ?"], schedules.Select(s => $"{s.Job} {s.Cron}"));
        Assert.All(schedules, s => Assert.True(s.Enabled));
    }
}
