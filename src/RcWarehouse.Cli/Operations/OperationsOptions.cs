namespace RcWarehouse.Cli.Operations;

/// <summary>The scheduled service's and the operator commands' settings (configuration section <c>Operations</c>).</summary>
public sealed class OperationsOptions
{
    public const string SectionName = "Operations";

    /// <summary>Where the intraday job starts for a source and report that has no watermark yet.</summary>
    public TimeSpan InitialLookBack { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many days the nightly job re-pulls, so corrected and late numbers replace provisional ones.</summary>
    public int NightlyLookBackDays { get; set; } = 3;

    /// <summary>
    /// How many open gaps (failed windows no success has covered since) each intraday run extracts again per
    /// sub-account, after its own windows; the nightly run fills them all. 0 leaves them to the nightly run and to
    /// <c>rerun --failed</c>.
    /// </summary>
    public int GapFillsPerRun { get; set; } = 2;

    /// <summary>
    /// A running batch older than this is taken as abandoned even when its owner runs on another machine (whose
    /// process cannot be checked). Owners on this machine are checked directly and need no wait.
    /// </summary>
    public TimeSpan StaleBatchAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Folder of the schedule files (<c>intraday.json</c>, <c>nightly.json</c>, <c>reference.json</c>); relative to the working directory, then to the executable.</summary>
    public string SchedulesPath { get; set; } = "schedules";

    /// <summary>How long <c>run</c> waits on shutdown for the job in flight to roll back or finish.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public QuartzStoreOptions Quartz { get; set; } = new();
}
