using System.Globalization;
using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.SqlServer;

/// <summary>
/// Every statement the SQL Server engine sends (the unit tests parse each one with TSql160Parser and resolve it against a DacFx model of the migrations). The connection runs
/// with XACT_ABORT ON, so any error dooms the transaction instead of leaving half a publish behind.
/// Each report's publish statements are spelled out in a file of their own, in the order they run (Publish/).
/// </summary>
internal static class SqlServerStatements
{
    /// <summary>The LOCK_TIMEOUT the statement list (tests, snapshot) shows; connections use Warehouse:LockTimeout.</summary>
    public const int DefaultLockTimeoutMs = 120000;

    /// <summary>
    /// Run on every connection the engine opens. XACT_ABORT: any error dooms the transaction. NOCOUNT OFF: row counts
    /// reach the client (finish_batch must affect exactly one row). LOCK_TIMEOUT: no statement waits for a lock longer
    /// than Warehouse:LockTimeout; it fails with 1222 instead, and the batch is retried.
    /// </summary>
    public static NamedSql SessionSettings(int lockTimeoutMs) =>
        new("session_settings", string.Create(CultureInfo.InvariantCulture, $"SET XACT_ABORT ON; SET NOCOUNT OFF; SET LOCK_TIMEOUT {lockTimeoutMs};"));

    /// <summary>
    /// The source a batch belongs to, created on first sight and renamed when its configured name changed: the first
    /// statements of every batch record (begin_batch, and record_failed_window for a window that never got that far).
    /// </summary>
    internal const string UpsertSource = """
            UPDATE dw.dim_source
            SET source_name = @source_name
            WHERE sub_account_id = @sub_account_id
              AND @source_name IS NOT NULL
              AND (source_name IS NULL OR source_name <> @source_name COLLATE Latin1_General_100_BIN2);

            IF NOT EXISTS (SELECT 1 FROM dw.dim_source WITH (UPDLOCK, HOLDLOCK) WHERE sub_account_id = @sub_account_id)
                INSERT INTO dw.dim_source (sub_account_id, source_name) VALUES (@sub_account_id, @source_name);

            """;

    public static WarehouseSql Catalog { get; } = new()
    {
        Journal = SqlServerJournalStatements.Sql,
        BeginBatch = new("begin_batch", UpsertSource + """

            DECLARE @batch TABLE (load_batch_id bigint NOT NULL, source_key int NOT NULL);

            INSERT INTO etl.load_batch (source_key, report, window_start_utc, window_end_utc, landed_file, sha256, status, started_utc)
            OUTPUT inserted.load_batch_id, inserted.source_key INTO @batch (load_batch_id, source_key)
            SELECT s.source_key, @report, @window_start_utc, @window_end_utc, @landed_file, @sha256, 'running', @started_utc
            FROM dw.dim_source AS s
            WHERE s.sub_account_id = @sub_account_id;

            SELECT b.load_batch_id, b.source_key FROM @batch AS b;
            """),
        FinishBatch = new("finish_batch", """
            UPDATE etl.load_batch
            SET status = 'succeeded',
                rows_read = @rows_read,
                rows_loaded = @rows_loaded,
                window_start_utc = @window_start_utc,
                window_end_utc = @window_end_utc,
                error = NULL,
                finished_utc = @finished_utc
            WHERE load_batch_id = @load_batch_id
              AND status = 'running';
            """),
        // The stage is the session's own #temp table, nothing to delete: it goes when SqlClient resets the pooled session
        // (its next open, or the pool closing it), and the next batch on that session starts with DROP TABLE IF EXISTS.
        FailBatch = new("fail_batch", """
            UPDATE etl.load_batch
            SET status = 'failed',
                rows_read = @rows_read,
                rows_loaded = 0,
                error = @error,
                finished_utc = @finished_utc
            WHERE load_batch_id = @load_batch_id;
            """),
        SelectBatches = new("select_batches", """
            SELECT TOP (@limit)
                   b.load_batch_id, s.sub_account_id, b.report, b.window_start_utc, b.window_end_utc, b.landed_file, b.sha256,
                   b.rows_read, b.rows_loaded, b.status, b.error, b.started_utc, b.finished_utc
            FROM etl.load_batch AS b
            INNER JOIN dw.dim_source AS s ON s.source_key = b.source_key
            WHERE @sub_account_id IS NULL OR s.sub_account_id = @sub_account_id
            ORDER BY b.load_batch_id DESC;
            """),
        // dim_interval is shared by every source and report. Its rows never change once written, so they are inserted
        // set-based in a short transaction of their own before the publish (SqlServerDialect.InsertIntervalsAsync), with
        // no range lock: a concurrent publisher inserting the same slot makes this fail with 2627, and the dialect runs
        // it again, when NOT EXISTS then sees that slot. The JSON times are converted with explicit styles (121:
        // yyyy-mm-dd hh:mi:ss.mmm, 23: yyyy-mm-dd, 108: hh:mi:ss), independent of the session's language.
        InsertInterval = new("insert_interval", """
            INSERT INTO dw.dim_interval (interval_key, start_utc, local_start, local_date, local_time, local_hour, day_of_week, is_weekend)
            SELECT j.interval_key,
                   CONVERT(datetime2(3), j.start_utc, 121),
                   CONVERT(datetime2(3), j.local_start, 121),
                   CONVERT(date, j.local_date, 23),
                   CONVERT(time(0), j.local_time, 108),
                   j.local_hour,
                   j.day_of_week,
                   j.is_weekend
            FROM OPENJSON(@intervals)
                WITH (
                    interval_key bigint     '$.interval_key',
                    start_utc    varchar(23) '$.start_utc',
                    local_start  varchar(23) '$.local_start',
                    local_date   varchar(10) '$.local_date',
                    local_time   varchar(8)  '$.local_time',
                    local_hour   tinyint    '$.local_hour',
                    day_of_week  tinyint    '$.day_of_week',
                    is_weekend   bit        '$.is_weekend'
                ) AS j
            WHERE NOT EXISTS (SELECT 1 FROM dw.dim_interval AS d WHERE d.interval_key = j.interval_key);
            """),
        // Lock order (sql/README.md, "SQL Server: locks and waits"): first rcwarehouse/publish/{source}/{report} (Exclusive), then
        // rcwarehouse/dimensions/{source} (Shared for report publishes, Exclusive for the reference load). A refusal says
        // why in words (sp_getapplock's -1 is a timeout, -3 a deadlock victim), so status tells an operator which wait ran out.
        AcquirePublishLock = new("acquire_publish_lock", """
            DECLARE @lock_result int;
            EXEC @lock_result = sys.sp_getapplock
                @Resource = @resource,
                @LockMode = @lock_mode,
                @LockOwner = N'Transaction',
                @LockTimeout = @lock_timeout_ms;
            IF @lock_result < 0
            BEGIN
                DECLARE @lock_message nvarchar(2048) = CONCAT(
                    N'Could not take the publish lock ', @resource, N': ',
                    CASE @lock_result
                        WHEN -1 THEN CONCAT(N'another load of the source held it for longer than Warehouse:PublishLockTimeout (', @lock_timeout_ms, N' ms)')
                        WHEN -3 THEN N'chosen as the deadlock victim'
                        ELSE CONCAT(N'sp_getapplock returned ', @lock_result)
                    END,
                    N'.');
                THROW 50001, @lock_message, 1;
            END;
            """),
        AdvanceWatermark = new("advance_watermark", """
            UPDATE etl.watermark
            SET loaded_through_utc = @loaded_through_utc,
                updated_utc = @now_utc
            WHERE source_key = @source_key
              AND report = @report
              AND loaded_through_utc < @loaded_through_utc;

            IF NOT EXISTS (SELECT 1 FROM etl.watermark WITH (UPDLOCK, HOLDLOCK) WHERE source_key = @source_key AND report = @report)
                INSERT INTO etl.watermark (source_key, report, loaded_through_utc, updated_utc)
                VALUES (@source_key, @report, @loaded_through_utc, @now_utc);
            """),
        AgentExtended = Publish.SqlServerAgentExtendedSql.Sql,
        QueueStats = Publish.SqlServerQueueStatsSql.Sql,
        Segments = Publish.SqlServerSegmentsSql.Sql,
        AgentStats = Publish.SqlServerAgentStatsSql.Sql,
        Reference = SqlServerReferenceStatements.Sql,
        Operations = SqlServerOperationsStatements.Sql,
        RateLimit = RateLimiting.SqlServerRateLimitStatements.Sql,
        Verify = Verification.SqlServerVerifyStatements.Sql,
    };

    /// <summary>Every statement this engine sends, for the parser test and the snapshot.</summary>
    public static IEnumerable<NamedSql> All() =>
        new[] { SessionSettings(DefaultLockTimeoutMs) }.Concat(Catalog.All()).Concat(Recordings.SqlServerRecordingStatements.Sql.All());

    /// <summary>The shared table that defines a layout's stage columns (it holds no rows).</summary>
    public static string StageDefinition(string layoutTable) => "stage." + layoutTable;

    /// <summary>The private stage of the layout's report (a #temp table of the loading session).</summary>
    public static StageSql StageOf(string layoutTable) => layoutTable switch
    {
        "agent_extended" => Catalog.AgentExtended.Stage,
        "queue_stats" => Catalog.QueueStats.Stage,
        "segment" => Catalog.Segments.Stage,
        "agent_stats" => Catalog.AgentStats.Stage,
        _ => throw new ArgumentOutOfRangeException(nameof(layoutTable), layoutTable, null),
    };
}
