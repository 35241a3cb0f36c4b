using RcWarehouse.Cli.Hosting.Telemetry;
using Xunit;

namespace RcWarehouse.Tests.Telemetry;

public sealed class SchedulerHealthTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StuckAfter = TimeSpan.FromHours(6);

    [Fact]
    public void A_scheduler_not_started_is_unhealthy()
    {
        var state = SchedulerHealth.Evaluate(started: false, [], Now, StuckAfter);

        Assert.False(state.Healthy);
        Assert.Equal("scheduler not started", state.Reason);
    }

    [Fact]
    public void A_started_scheduler_with_jobs_inside_the_bound_is_healthy()
    {
        var state = SchedulerHealth.Evaluate(started: true, [new RunningJob("nightly", Now - StuckAfter)], Now, StuckAfter);

        Assert.True(state.Healthy);
        Assert.Equal("ok: scheduler started, running nightly", state.Reason);
    }

    [Fact]
    public void A_job_running_longer_than_the_bound_makes_it_unhealthy_and_is_named()
    {
        var state = SchedulerHealth.Evaluate(
            started: true,
            [new RunningJob("reference", Now.AddMinutes(-5)), new RunningJob("intraday", Now - StuckAfter - TimeSpan.FromSeconds(1))],
            Now,
            StuckAfter);

        Assert.False(state.Healthy);
        Assert.Equal("job intraday stuck: running for 06:00:01, longer than Operations:Health:StuckJobAfter (06:00:00)", state.Reason);
    }
}
