using Microsoft.Extensions.DependencyInjection;
using RcWarehouse.Cli;
using RcWarehouse.Cli.Commands;
using RcWarehouse.Cli.Scheduling;
using RcWarehouse.Warehouse;
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

        // When the service's host runs until the intraday job has finished a run
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var host = RunCommand.Build(new CliConsole(output, errors), h.RingCx, h.WarehouseOptions, h.Operations, schedules, TimeProvider.System);
        await host.Services.GetRequiredService<IWarehouse>().MigrateAsync(ct);
        await host.StartAsync(ct);
        await WaitForAsync(() => Log(errors).Contains("Job intraday finished", StringComparison.Ordinal), ct);
        await WaitForAsync(() => Log(errors).Contains("Job intraday next fires at", StringComparison.Ordinal), ct);
        await host.StopAsync(ct);

        // Then Quartz fired the intraday job (and only it), which published and logged its run
        Assert.Contains("Job intraday finished", Log(errors), StringComparison.Ordinal);
        Assert.DoesNotContain("Job nightly", Log(errors), StringComparison.Ordinal);
        Assert.Matches(@"Job intraday next fires at \d{4}-\d\d-\d\d \d\d:\d\d UTC", Log(errors));
        Assert.True(await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'succeeded'") > 0);
        Assert.Equal(0L, await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'running'"));
    }

    [Fact]
    public async Task StoppingTheHost_WhileAJobRuns_CancelsItAndWaitsForIt()
    {
        // Given the host running the intraday job (a first run: two hours of three reports for two sub-accounts)
        var ct = TestContext.Current.CancellationToken;
        await using var h = await OperationsHarness.StartAsync(TimeProvider.System.GetUtcNow(), sim => sim.VolumeScale = 1.0);
        var schedules = JobSchedules.Defaults.Select(s => s.Job == "intraday" ? s with { Cron = "* * * * * ?" } : s with { Enabled = false }).ToList();
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var host = RunCommand.Build(new CliConsole(output, errors), h.RingCx, h.WarehouseOptions, h.Operations, schedules, TimeProvider.System);
        await host.Services.GetRequiredService<IWarehouse>().MigrateAsync(ct);
        await host.StartAsync(ct);
        await WaitForAsync(() => File.Exists(h.DatabasePath) && h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch").GetAwaiter().GetResult() > 0, ct);

        // When the host is stopped with the job in flight
        await host.StopAsync(ct);

        // Then the job ended before the host did (cancelled, or just finished), and no batch is left running
        Assert.Matches("Job intraday (cancelled by shutdown|finished)", Log(errors));
        Assert.Equal(0L, await h.Database.ScalarAsync<long>("SELECT COUNT(*) FROM load_batch WHERE status = 'running'"));
    }

    [Fact]
    public async Task DefaultScheduleFiles_InTheRepository_Load()
    {
        var schedules = await JobSchedules.LoadAsync(Path.Combine(Support.RepoPaths.Root, "schedules"), TestContext.Current.CancellationToken);
        Assert.Equal(["intraday 0 5/15 * * * ?", "nightly 0 30 2 * * ?", "reference 0 0 * * * ?"], schedules.Select(s => $"{s.Job} {s.Cron}"));
        Assert.All(schedules, s => Assert.True(s.Enabled));
    }

    private static string Log(StringWriter writer)
    {
        lock (writer)
        {
            return writer.ToString();
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60);
        while (!condition() && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}
