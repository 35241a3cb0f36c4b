using System.Globalization;
using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.SqlServer;

/// <summary>
/// Every statement the SQL Server engine sends (the unit tests parse each one with TSql160Parser and resolve it against a DacFx model of the migrations). The connection runs
/// with XACT_ABORT ON, so any error dooms the transaction instead of leaving half a publish behind.
/// Null-safe comparison is written <c>EXISTS (SELECT a INTERSECT SELECT b)</c>.
/// </summary>
internal static class SqlServerStatements
{
    private const string MinValidFrom = "CONVERT(datetime2(3), '1900-01-01T00:00:00.000', 126)";
    private const string MaxValidTo = "CONVERT(datetime2(3), '9999-12-31T00:00:00.000', 126)";

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
        // The stage is the session's own #temp table: it went with the failed publish's connection, nothing to delete.
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
        // Lock order (see sql/README.md): first rcwarehouse/publish/{source}/{report} (Exclusive), then
        // rcwarehouse/dimensions/{source} (Shared for report publishes, Exclusive for the reference load).
        AcquirePublishLock = new("acquire_publish_lock", """
            DECLARE @lock_result int;
            EXEC @lock_result = sys.sp_getapplock
                @Resource = @resource,
                @LockMode = @lock_mode,
                @LockOwner = N'Transaction',
                @LockTimeout = @lock_timeout_ms;
            IF @lock_result < 0
            BEGIN
                DECLARE @lock_message nvarchar(2048) = CONCAT(N'Could not take the publish lock ', @resource, N' (sp_getapplock returned ', @lock_result, N').');
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
        AgentExtended = AgentExtendedSql(),
        QueueStats = QueueStatsSql(),
        Segments = SegmentsSql(),
        AgentStats = SqlServerAgentStatsStatements.Sql,
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

    private static ReportSql AgentExtendedSql()
    {
        const string stage = "#stage_agent_extended";
        return new(
            Stage("agent_extended", stage, ["interval_key", "agent_id", "queue_id"], ["agent_id", "queue_id", "interval_key"]),
            [
                InferMembers("agent_extended.infer_agents", stage, "dw.dim_agent", "agent_id", "agent_name"),
                RenameInferred("agent_extended.rename_inferred_agents", stage, "dw.dim_agent", "agent_id", "agent_name"),
                InferMembers("agent_extended.infer_queues", stage, "dw.dim_queue", "queue_id", "queue_name"),
                RenameInferred("agent_extended.rename_inferred_queues", stage, "dw.dim_queue", "queue_id", "queue_name"),
                new("agent_extended.resolve_keys", $"""
                    UPDATE s
                    SET s.agent_key = a.agent_key,
                        s.queue_key = q.queue_key
                    FROM {stage} AS s
                    {PointInTime("a", "dw.dim_agent", "agent_key", "agent_id", "interval_start_utc")}
                    {PointInTime("q", "dw.dim_queue", "queue_key", "queue_id", "interval_start_utc")}
                    WHERE s.load_batch_id = @load_batch_id;
                    """),
                DeleteReplacedFacts("agent_extended.delete_replaced_facts", stage, "dw.fact_agent_queue_interval", ["interval_key", "agent_key", "queue_key"], FactColumns.AgentQueueMeasures),
                InsertNewFacts("agent_extended.insert_new_facts", stage, "dw.fact_agent_queue_interval", ["interval_key", "agent_key", "queue_key"], FactColumns.AgentQueueMeasures),
            ],
            ClearStage("agent_extended", [stage]));
    }

    private static ReportSql QueueStatsSql()
    {
        const string stage = "#stage_queue_stats";
        return new(
            Stage("queue_stats", stage, ["interval_key", "queue_id"], ["queue_id", "interval_key"]),
            [
                InferMembers("queue_stats.infer_queues", stage, "dw.dim_queue", "queue_id", "queue_name"),
                RenameInferred("queue_stats.rename_inferred_queues", stage, "dw.dim_queue", "queue_id", "queue_name"),
                new("queue_stats.resolve_keys", $"""
                    UPDATE s
                    SET s.queue_key = q.queue_key
                    FROM {stage} AS s
                    {PointInTime("q", "dw.dim_queue", "queue_key", "queue_id", "interval_start_utc")}
                    WHERE s.load_batch_id = @load_batch_id;
                    """),
                DeleteReplacedFacts("queue_stats.delete_replaced_facts", stage, "dw.fact_queue_interval", ["interval_key", "queue_key"], FactColumns.QueueMeasures),
                InsertNewFacts("queue_stats.insert_new_facts", stage, "dw.fact_queue_interval", ["interval_key", "queue_key"], FactColumns.QueueMeasures),
            ],
            ClearStage("queue_stats", [stage]));
    }

    private static ReportSql SegmentsSql()
    {
        const string stage = "#stage_segment";
        const string scope = "#segment_scope";

        // The JSON times are 'yyyy-MM-dd HH:mm:ss.fff' (see SegmentEventsJson); converting them with the explicit
        // ODBC canonical style 121 keeps the result independent of the session's language and DATEFORMAT.
        const string openEvents = """
            CROSS APPLY OPENJSON(s.events_json)
                WITH (
                    event_seq         int          '$.seq',
                    event_type        nvarchar(64) '$.type',
                    event_time        varchar(23)  '$.time',
                    client_event_time varchar(23)  '$.client_time'
                ) AS r
                CROSS APPLY (
                    SELECT r.event_seq,
                           r.event_type,
                           CONVERT(datetime2(3), r.event_time, 121) AS event_time_utc,
                           CONVERT(datetime2(3), r.client_event_time, 121) AS client_event_time_utc
                ) AS j
            """;
        var attributes = FactColumns.SegmentAttributes;
        return new(
            Stage(
                "segments",
                stage,
                ["interaction_id", "segment_id"],
                ["interaction_id", "segment_id"],
                // The scope of the replace (segments.scope), with the ids' binary collation spelled out: a #temp table's
                // columns otherwise take tempdb's default collation and could not be compared with dw.fact_segment's.
                $"""
                DROP TABLE IF EXISTS {scope};
                CREATE TABLE {scope} (
                    interaction_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
                    segment_id     nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
                    PRIMARY KEY CLUSTERED (interaction_id, segment_id)
                );
                """),
            [
                InferMembers("segments.infer_agents", stage, "dw.dim_agent", "agent_id", "rc_user_id"),
                new("segments.resolve_keys", $"""
                    UPDATE s
                    SET s.agent_key = a.agent_key
                    FROM {stage} AS s
                    {PointInTime("a", "dw.dim_agent", "agent_key", "agent_id", "segment_start_utc")}
                    WHERE s.load_batch_id = @load_batch_id;
                    """),
                // Legacy segments name their agent by RingCentral user id only; agent_id is filled from the version found.
                new("segments.resolve_by_rc_user_id", $"""
                    UPDATE s
                    SET s.agent_key = a.agent_key,
                        s.agent_id = a.agent_id
                    FROM {stage} AS s
                    {SqlServerReferenceStatements.ByRcUserId("s")}
                    WHERE s.load_batch_id = @load_batch_id
                      AND s.agent_id IS NULL
                      AND s.rc_user_id IS NOT NULL;
                    """),
                new("segments.mark_unchanged", $"""
                    UPDATE s
                    SET s.is_unchanged = 1
                    FROM {stage} AS s
                    WHERE s.load_batch_id = @load_batch_id
                      AND EXISTS (
                          SELECT 1
                          FROM dw.fact_segment AS f
                          WHERE f.source_key = @source_key
                            AND f.interaction_id = s.interaction_id
                            AND f.segment_id = s.segment_id
                            AND {Same("s", "f", attributes)});
                    """),
                // The published segments this batch replaces, computed once: those of the covered slots (a range of
                // IX_fact_segment_interval) and those the batch carries again wherever they were (a segment can move slot
                // between two pulls of overlapping windows; primary-key seeks from the stage). The deletes below join
                // this set instead of testing every segment of the source against an OR.
                new("segments.scope", $"""
                    INSERT INTO {scope} (interaction_id, segment_id)
                    SELECT f.interaction_id, f.segment_id
                    FROM dw.fact_segment AS f
                    WHERE f.source_key = @source_key
                      AND f.interval_key >= @from_key
                      AND f.interval_key < @to_key
                    UNION
                    SELECT f.interaction_id, f.segment_id
                    FROM {stage} AS s
                    INNER JOIN dw.fact_segment AS f
                        ON f.source_key = @source_key AND f.interaction_id = s.interaction_id AND f.segment_id = s.segment_id
                    WHERE s.load_batch_id = @load_batch_id;
                    """),
                new("segments.delete_replaced_events", $"""
                    DELETE e
                    FROM dw.fact_segment_event AS e
                    INNER JOIN {scope} AS k
                        ON e.source_key = @source_key AND e.interaction_id = k.interaction_id AND e.segment_id = k.segment_id
                    WHERE NOT EXISTS (
                          SELECT 1
                          FROM {stage} AS s
                          {openEvents}
                          WHERE s.load_batch_id = @load_batch_id
                            AND s.is_unchanged = 1
                            AND s.interaction_id = e.interaction_id
                            AND s.segment_id = e.segment_id
                            AND j.event_seq = e.event_seq
                            AND {Same("j", "e", FactColumns.EventAttributes)});
                    """),
                SqlServerSegmentAttributeStatements.DeleteReplaced,
                new("segments.delete_replaced_segments", $"""
                    DELETE f
                    FROM dw.fact_segment AS f
                    INNER JOIN {scope} AS k
                        ON f.source_key = @source_key AND f.interaction_id = k.interaction_id AND f.segment_id = k.segment_id
                    WHERE NOT EXISTS (
                          SELECT 1
                          FROM {stage} AS s
                          WHERE s.load_batch_id = @load_batch_id
                            AND s.is_unchanged = 1
                            AND s.interaction_id = f.interaction_id
                            AND s.segment_id = f.segment_id);
                    """),
                new("segments.insert_new_segments", $"""
                    INSERT INTO dw.fact_segment (source_key, interaction_id, segment_id, {string.Join(", ", attributes)}, load_batch_id)
                    SELECT @source_key, s.interaction_id, s.segment_id, {string.Join(", ", attributes.Select(c => "s." + c))}, @load_batch_id
                    FROM {stage} AS s
                    WHERE s.load_batch_id = @load_batch_id
                      AND s.is_unchanged IS NULL;
                    """),
                new("segments.insert_new_events", $"""
                    INSERT INTO dw.fact_segment_event (source_key, interaction_id, segment_id, event_seq, event_type, event_time_utc, client_event_time_utc, load_batch_id)
                    SELECT @source_key, s.interaction_id, s.segment_id, j.event_seq, j.event_type, j.event_time_utc, j.client_event_time_utc, @load_batch_id
                    FROM {stage} AS s
                    {openEvents}
                    WHERE s.load_batch_id = @load_batch_id
                      AND NOT EXISTS (
                          SELECT 1
                          FROM dw.fact_segment_event AS e
                          WHERE e.source_key = @source_key
                            AND e.interaction_id = s.interaction_id
                            AND e.segment_id = s.segment_id
                            AND e.event_seq = j.event_seq);
                    """),
                SqlServerSegmentAttributeStatements.InsertNew,
            ],
            ClearStage("segments", [stage, scope]));
    }

    /// <summary>
    /// The private stage of one report: a #temp copy of stage.{table}'s columns (SELECT TOP (0) ... INTO keeps their
    /// types, nullability and collations), filled by SqlBulkCopy, then a UNIQUE CLUSTERED index on the grain (built
    /// after the copy, one sort) that both lets the publish seek and refuses a repeated grain (error 1505). Since a
    /// resolved key names one id, an id grain that is unique is a key grain that is unique.
    /// </summary>
    internal static StageSql Stage(string report, string stage, IReadOnlyList<string> clusteredGrain, IReadOnlyList<string> reportedGrain, string? more = null)
    {
        var definition = StageDefinition(stage["#stage_".Length..]);
        var create = $"""
            DROP TABLE IF EXISTS {stage};
            SELECT TOP (0) * INTO {stage} FROM {definition};
            """;
        return new(
            stage,
            new($"{report}.create_stage", more is null ? create : create + "\n" + more),
            new($"{report}.index_stage", $"CREATE UNIQUE CLUSTERED INDEX ux_stage_grain ON {stage} ({string.Join(", ", clusteredGrain)});"),
            DuplicateCheck(report, stage, reportedGrain),
            new($"{report}.count_stage", $"SELECT COUNT_BIG(*) FROM {stage};"));
    }

    private static NamedSql DuplicateCheck(string report, string stage, IReadOnlyList<string> grain)
    {
        var keys = string.Join(", ", grain);
        return new($"{report}.duplicate_check", $"""
            SELECT TOP (5) {keys}, COUNT_BIG(*) AS copies
            FROM {stage}
            WHERE load_batch_id = @load_batch_id
            GROUP BY {keys}
            HAVING COUNT_BIG(*) > 1
            ORDER BY {keys};
            """);
    }

    // UPDLOCK + HOLDLOCK: agents are shared by the reports of one source, whose publishers hold different applocks.
    internal static NamedSql InferMembers(string name, string stage, string dimension, string idColumn, string attributeColumn) =>
        new(name, $"""
            INSERT INTO {dimension} (source_key, {idColumn}, {attributeColumn}, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
            SELECT @source_key, s.{idColumn}, MAX(s.{attributeColumn}), 1, 1, {MinValidFrom}, {MaxValidTo}, 1
            FROM {stage} AS s
            WHERE s.load_batch_id = @load_batch_id
              AND s.{idColumn} IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM {dimension} AS d WITH (UPDLOCK, HOLDLOCK) WHERE d.source_key = @source_key AND d.{idColumn} = s.{idColumn})
            GROUP BY s.{idColumn}
            ORDER BY s.{idColumn};
            """);

    // A binary comparison, so a name that only changes case is still taken.
    internal static NamedSql RenameInferred(string name, string stage, string dimension, string idColumn, string nameColumn) =>
        new(name, $"""
            UPDATE d
            SET d.{nameColumn} = n.{nameColumn}
            FROM {dimension} AS d
            INNER JOIN (
                SELECT s.{idColumn}, MAX(s.{nameColumn}) AS {nameColumn}
                FROM {stage} AS s
                WHERE s.load_batch_id = @load_batch_id AND s.{nameColumn} IS NOT NULL
                GROUP BY s.{idColumn}
            ) AS n ON n.{idColumn} = d.{idColumn}
            WHERE d.source_key = @source_key
              AND d.is_inferred = 1
              AND (d.{nameColumn} IS NULL OR d.{nameColumn} <> n.{nameColumn} COLLATE Latin1_General_100_BIN2);
            """);

    // The version valid at the row's time; the newest wins should versions ever overlap.
    internal static string PointInTime(string alias, string dimension, string keyColumn, string idColumn, string timeColumn) =>
        $"OUTER APPLY (SELECT TOP (1) d.{keyColumn} FROM {dimension} AS d WHERE d.source_key = @source_key AND d.{idColumn} = s.{idColumn} " +
        $"AND d.valid_from_utc <= s.{timeColumn} AND s.{timeColumn} < d.valid_to_utc ORDER BY d.valid_from_utc DESC) AS {alias}";

    // Facts of the covered intervals that the batch does not carry identically; identical rows stay untouched (and
    // keep their load_batch_id), so a repeated load changes nothing.
    internal static NamedSql DeleteReplacedFacts(string name, string stage, string fact, IReadOnlyList<string> keys, IReadOnlyList<string> values) =>
        new(name, $"""
            DELETE f
            FROM {fact} AS f
            WHERE f.source_key = @source_key
              AND f.interval_key >= @from_key AND f.interval_key < @to_key
              AND NOT EXISTS (
                  SELECT 1
                  FROM {stage} AS s
                  WHERE s.load_batch_id = @load_batch_id
                    AND {string.Join("\n        AND ", keys.Select(k => $"s.{k} = f.{k}"))}
                    AND {Same("s", "f", values)});
            """);

    internal static NamedSql InsertNewFacts(string name, string stage, string fact, IReadOnlyList<string> keys, IReadOnlyList<string> values) =>
        new(name, $"""
            INSERT INTO {fact} (source_key, {string.Join(", ", keys)}, {string.Join(", ", values)}, load_batch_id)
            SELECT @source_key, {string.Join(", ", keys.Concat(values).Select(c => "s." + c))}, @load_batch_id
            FROM {stage} AS s
            WHERE s.load_batch_id = @load_batch_id
              AND NOT EXISTS (
                  SELECT 1
                  FROM {fact} AS f
                  WHERE f.source_key = @source_key
                    AND {string.Join("\n        AND ", keys.Select(k => $"f.{k} = s.{k}"))});
            """);

    // The stage is the session's own: dropping it (inside the publish transaction) is all the clearing it needs.
    internal static NamedSql ClearStage(string report, IReadOnlyList<string> tables) =>
        new($"{report}.clear_stage", string.Join("\n", tables.Select(t => $"DROP TABLE {t};")));

    internal static string Same(string left, string right, IReadOnlyList<string> columns) =>
        $"EXISTS (SELECT {string.Join(", ", columns.Select(c => $"{left}.{c}"))} INTERSECT SELECT {string.Join(", ", columns.Select(c => $"{right}.{c}"))})";
}
