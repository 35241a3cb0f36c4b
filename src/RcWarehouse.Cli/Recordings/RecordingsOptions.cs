namespace RcWarehouse.Cli.Recordings;

/// <summary>The recording and transcript archive (configuration section <c>Recordings</c>; off unless enabled).</summary>
public sealed class RecordingsOptions
{
    public const string SectionName = "Recordings";

    /// <summary>Fetch recordings and transcripts after each <c>sync</c> and intraday run (<c>demo</c> always does).</summary>
    public bool Enabled { get; set; }

    /// <summary>A segment's recording is asked for only once it ended at least this long ago (RingCX: at least 10 minutes).</summary>
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How far back a run looks: segments that ended before now minus this are never fetched by sync, run or a plain
    /// <c>recordings</c> (<c>recordings --from</c> reaches further back). It bounds what every intraday run reads.
    /// </summary>
    public TimeSpan LookBack { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A recording larger than this is refused (and counted as a failed attempt) instead of landed; 2 GiB by default.</summary>
    public long MaxBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>At most this many segments per run, oldest first; the rest wait for the next run.</summary>
    public int MaxPerRun { get; set; } = 500;

    /// <summary>A segment's audio or transcript that failed this many times is no longer tried (status lists it).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// Days of audio to keep, counted from the segment's start: <c>prune</c> removes older audio files and marks their
    /// rows. 0 keeps everything (prune then needs <c>--retention-days</c>).
    /// </summary>
    public int RetentionDays { get; set; }

    /// <summary>A progress line every this many segments (and at the start and end).</summary>
    public int ProgressEvery { get; set; } = 25;

    public void Validate()
    {
        if (SettleDelay < TimeSpan.FromMinutes(10))
        {
            throw new UsageException($"Recordings:SettleDelay must be at least 00:10:00 (RingCX serves a recording 10 minutes after the segment ends), not {SettleDelay}");
        }

        if (LookBack <= SettleDelay)
        {
            throw new UsageException($"Recordings:LookBack ({LookBack}) must be longer than Recordings:SettleDelay ({SettleDelay}), or no segment is ever old enough and recent enough");
        }

        if (MaxBytes < 1024)
        {
            throw new UsageException($"Recordings:MaxBytes must be at least 1024, not {MaxBytes}");
        }

        if (MaxPerRun < 1 || MaxAttempts < 1 || RetentionDays < 0 || ProgressEvery < 1)
        {
            throw new UsageException("Recordings:MaxPerRun, MaxAttempts and ProgressEvery must be at least 1, and RetentionDays at least 0");
        }
    }
}
