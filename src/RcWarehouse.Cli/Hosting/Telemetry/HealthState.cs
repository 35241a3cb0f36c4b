namespace RcWarehouse.Cli.Hosting.Telemetry;

/// <summary>What <c>/healthz</c> answers: healthy (200) or not (503), with one short line saying why.</summary>
public sealed record HealthState(bool Healthy, string Reason);

/// <summary>A job the scheduler is running now, since when (its fire time).</summary>
public sealed record RunningJob(string Job, DateTimeOffset StartedUtc);
