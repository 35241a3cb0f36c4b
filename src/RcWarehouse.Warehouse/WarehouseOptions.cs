namespace RcWarehouse.Warehouse;

/// <summary>Where and how the warehouse is stored; bound from the configuration section <c>Warehouse</c>.</summary>
public sealed class WarehouseOptions
{
    public WarehouseProvider Provider { get; set; } = WarehouseProvider.Sqlite;

    public string ConnectionString { get; set; } = "Data Source=data/warehouse.db";

    /// <summary>IANA (or Windows) time zone id used for the local columns of <c>dim_interval</c>.</summary>
    public string BusinessTimeZone { get; set; } = "UTC";

    /// <summary>SqlBulkCopy batch size on SQL Server; on SQLite, the number of staged rows between progress log lines.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>How calling/called addresses and agent notes are stored; hashed unless configured otherwise.</summary>
    public PersonalDataMode PersonalData { get; set; } = PersonalDataMode.Hash;

    /// <summary>
    /// The HMAC key for <see cref="PersonalDataMode.Hash"/> (environment <c>RCW_Warehouse__PersonalDataSecret</c>). Without
    /// it SQLite keeps a generated key in <c>{database}.pii.key</c> next to the file and SQL Server refuses to load
    /// segments. Never logged.
    /// </summary>
    public string? PersonalDataSecret { get; set; }

    /// <summary>
    /// Labels for segment fields kept as attributes: <c>Warehouse:SegmentLabels:{label} = {fieldName}</c>. Each label is a
    /// column of the view <c>v_segment_labeled</c>, which <c>migrate</c> (re)creates from this setting; a label must be a
    /// plain identifier (letters, digits, underscores, not starting with a digit, at most 128 characters).
    /// </summary>
    public Dictionary<string, string> SegmentLabels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Segment fields kept as attributes that are personal data: <c>Warehouse:SegmentPersonalFields:{fieldName} = Text|Address</c>.
    /// <see cref="PersonalData"/> applies to them as to the known address and notes fields, which are always protected.
    /// </summary>
    public Dictionary<string, PersonalFieldKind> SegmentPersonalFields { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The most connecting to SQL Server may take, SqlClient's connection retries included.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long <c>migrate</c> waits for another migrator's lock before giving up.</summary>
    public TimeSpan MigrationLockTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest one migration statement may run (an index build on a large fact table can take a while).</summary>
    public TimeSpan MigrationTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long one statement may wait for a row or table lock before SQL Server gives up with error 1222
    /// (<c>SET LOCK_TIMEOUT</c> on every SQL Server connection). A lock timeout fails the batch, which is then retried.
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a publish waits for the applocks of its source (another publish of the same report, a reference load).</summary>
    public TimeSpan PublishLockTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest any one command may run (SqlCommand/SqliteCommand CommandTimeout); never unbounded.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The longest SqlBulkCopy may take to stage one batch (SQL Server); never unbounded.</summary>
    public TimeSpan BulkCopyTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How many times a batch that failed on a transient error (deadlock victim, lock timeout, Azure SQL throttling or
    /// failover) is loaded again, each time as a new batch from the same rows. 0 turns retrying off.
    /// </summary>
    public int TransientRetries { get; set; } = 3;

    /// <summary>The wait before the first retry; it doubles (with jitter) for each further one.</summary>
    public TimeSpan TransientRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws naming the setting when a wait is not a positive, bounded time (0 would mean "wait forever").</summary>
    internal void Validate()
    {
        Positive(LockTimeout, nameof(LockTimeout));
        Positive(PublishLockTimeout, nameof(PublishLockTimeout));
        Positive(CommandTimeout, nameof(CommandTimeout));
        Positive(BulkCopyTimeout, nameof(BulkCopyTimeout));
        Positive(ConnectTimeout, nameof(ConnectTimeout));
        Positive(MigrationLockTimeout, nameof(MigrationLockTimeout));
        Positive(MigrationTimeout, nameof(MigrationTimeout));

        // A statement's lock wait runs inside its command: a wait no shorter than CommandTimeout would be cut off by the
        // client's timeout instead, failing with "Execution Timeout Expired" (not retried, and naming no lock) rather than
        // with the lock timeout or the applock's own message.
        ShorterThanCommands(LockTimeout, nameof(LockTimeout));
        ShorterThanCommands(PublishLockTimeout, nameof(PublishLockTimeout));
        if (TransientRetries is < 0 or > 10)
        {
            throw new ArgumentException($"Warehouse:{nameof(TransientRetries)} must be between 0 and 10 (is {TransientRetries}).");
        }

        if (TransientRetryDelay < TimeSpan.Zero || TransientRetryDelay > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException($"Warehouse:{nameof(TransientRetryDelay)} must be between 0 and 10 minutes (is {TransientRetryDelay}).");
        }

        SegmentFields.SegmentLabelRules.Validate(SegmentLabels, SegmentPersonalFields);
    }

    /// <summary>Whole seconds for the ADO.NET timeouts, at least 1 (0 means "no limit" there).</summary>
    internal static int Seconds(TimeSpan value) => (int)Math.Clamp(Math.Ceiling(value.TotalSeconds), 1, int.MaxValue);

    /// <summary>Whole milliseconds for LOCK_TIMEOUT and sp_getapplock, at least 1.</summary>
    internal static int Milliseconds(TimeSpan value) => (int)Math.Clamp(Math.Ceiling(value.TotalMilliseconds), 1, int.MaxValue);

    private void ShorterThanCommands(TimeSpan wait, string name)
    {
        if (wait >= CommandTimeout)
        {
            throw new ArgumentException($"Warehouse:{name} ({wait}) must be shorter than Warehouse:{nameof(CommandTimeout)} ({CommandTimeout}), which would otherwise end the wait first.");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        // A day is far beyond any real wait, and keeps the millisecond conversions inside an int.
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"Warehouse:{name} must be more than 0 and at most a day (is {value}).");
        }
    }
}
