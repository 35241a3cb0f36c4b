using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.SqlServer;

/// <summary>
/// Every statement the SQL Server engine sends (the unit tests parse each one with TSql150Parser). The connection runs
/// with XACT_ABORT ON, so any error dooms the transaction instead of leaving half a publish behind.
/// Null-safe comparison is written <c>EXISTS (SELECT a INTERSECT SELECT b)</c>.
/// </summary>
internal static class SqlServerStatements
{
    private const string MinValidFrom = "CONVERT(datetime2(3), '1900-01-01T00:00:00.000', 126)";
    private const string MaxValidTo = "CONVERT(datetime2(3), '9999-12-31T00:00:00.000', 126)";

    public static NamedSql SessionSettings { get; } = new("session_settings", "SET XACT_ABORT ON; SET NOCOUNT OFF;");

    public static WarehouseSql Catalog { get; } = new()
    {
        EnsureJournal = new("ensure_journal", """
            IF OBJECT_ID(N'dbo.SchemaVersions', N'U') IS NULL
            BEGIN
                CREATE TABLE dbo.SchemaVersions (
                    Id         int IDENTITY(1, 1) NOT NULL,
                    ScriptName nvarchar(255) NOT NULL,
                    Applied    datetime2(3) NOT NULL,
                    Checksum   char(64) NOT NULL,
                    CONSTRAINT PK_SchemaVersions PRIMARY KEY CLUSTERED (Id),
                    CONSTRAINT UQ_SchemaVersions_ScriptName UNIQUE (ScriptName)
                );
            END;
            """),
        AcquireMigrationLock = new("acquire_migration_lock", """
            DECLARE @lock_result int;
            EXEC @lock_result = sys.sp_getapplock
                @Resource = N'rcwarehouse/migrate',
                @LockMode = N'Exclusive',
                @LockOwner = N'Transaction',
                @LockTimeout = 600000;
            IF @lock_result < 0
                THROW 50002, N'Another migration holds the rcwarehouse/migrate lock.', 1;
            """),
        SelectJournal = new("select_journal", "SELECT sv.ScriptName, sv.Checksum FROM dbo.SchemaVersions AS sv ORDER BY sv.ScriptName;"),
        InsertJournal = new("insert_journal", "INSERT INTO dbo.SchemaVersions (ScriptName, Applied, Checksum) VALUES (@script_name, @applied, @checksum);"),
        BeginBatch = new("begin_batch", """
            UPDATE dw.dim_source
            SET source_name = @source_name
            WHERE sub_account_id = @sub_account_id
              AND @source_name IS NOT NULL
              AND (source_name IS NULL OR source_name <> @source_name COLLATE Latin1_General_100_BIN2);

            IF NOT EXISTS (SELECT 1 FROM dw.dim_source WITH (UPDLOCK, HOLDLOCK) WHERE sub_account_id = @sub_account_id)
                INSERT INTO dw.dim_source (sub_account_id, source_name) VALUES (@sub_account_id, @source_name);

            INSERT INTO etl.load_batch (source_key, report, window_start_utc, window_end_utc, landed_file, sha256, status, started_utc)
            OUTPUT inserted.load_batch_id, inserted.source_key
            SELECT s.source_key, @report, @window_start_utc, @window_end_utc, @landed_file, @sha256, 'running', @started_utc
            FROM dw.dim_source AS s
            WHERE s.sub_account_id = @sub_account_id;
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
            WHERE load_batch_id = @load_batch_id;
            """),
        // Staging on SQL Server happens outside the publish transaction (see SqlServerDialect), so a failed batch also
        // removes whatever it staged.
        FailBatch = new("fail_batch", """
            DELETE FROM stage.agent_extended WHERE load_batch_id = @load_batch_id;
            DELETE FROM stage.queue_stats WHERE load_batch_id = @load_batch_id;
            DELETE FROM stage.segment WHERE load_batch_id = @load_batch_id;

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
        // dim_interval is shared by every source and report, so concurrent publishers (different applock resources)
        // can meet here: the key-range lock makes the existence check and the insert one step.
        InsertInterval = new("insert_interval", """
            IF NOT EXISTS (SELECT 1 FROM dw.dim_interval WITH (UPDLOCK, HOLDLOCK) WHERE interval_key = @interval_key)
                INSERT INTO dw.dim_interval (interval_key, start_utc, local_start, local_date, local_time, local_hour, day_of_week, is_weekend)
                VALUES (@interval_key, @start_utc, @local_start, @local_date, @local_time, @local_hour, @day_of_week, @is_weekend);
            """),
        AcquirePublishLock = new("acquire_publish_lock", """
            DECLARE @lock_result int;
            EXEC @lock_result = sys.sp_getapplock
                @Resource = @resource,
                @LockMode = N'Exclusive',
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
        Reference = SqlServerReferenceStatements.Sql,
        Operations = SqlServerOperationsStatements.Sql,
        RateLimit = RateLimiting.SqlServerRateLimitStatements.Sql,
    };

    /// <summary>Every statement this engine sends, for the parser test and the snapshot.</summary>
    public static IEnumerable<NamedSql> All() => new[] { SessionSettings }.Concat(Catalog.All());

    public static string StageTable(string layoutTable) => "stage." + layoutTable;

    private static ReportSql AgentExtendedSql()
    {
        const string stage = "stage.agent_extended";
        return new(
            stage,
            DuplicateCheck("agent_extended", stage, ["agent_id", "queue_id", "interval_key"]),
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
            ClearStage("agent_extended", stage));
    }

    private static ReportSql QueueStatsSql()
    {
        const string stage = "stage.queue_stats";
        return new(
            stage,
            DuplicateCheck("queue_stats", stage, ["queue_id", "interval_key"]),
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
            ClearStage("queue_stats", stage));
    }

    private static ReportSql SegmentsSql()
    {
        const string stage = "stage.segment";

        // A published segment is in this batch's scope when its slot is covered or when the batch carries it again
        // (a segment can move slot between two pulls of overlapping windows).
        const string inScope = """
            (f.interval_key >= @from_key AND f.interval_key < @to_key
                   OR EXISTS (SELECT 1 FROM stage.segment AS c
                              WHERE c.load_batch_id = @load_batch_id AND c.interaction_id = f.interaction_id AND c.segment_id = f.segment_id))
            """;
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
            stage,
            DuplicateCheck("segments", stage, ["interaction_id", "segment_id"]),
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
                new("segments.delete_replaced_events", $"""
                    DELETE e
                    FROM dw.fact_segment_event AS e
                    INNER JOIN dw.fact_segment AS f
                        ON f.source_key = e.source_key AND f.interaction_id = e.interaction_id AND f.segment_id = e.segment_id
                    WHERE f.source_key = @source_key
                      AND {inScope}
                      AND NOT EXISTS (
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
                new("segments.delete_replaced_segments", $"""
                    DELETE f
                    FROM dw.fact_segment AS f
                    WHERE f.source_key = @source_key
                      AND {inScope}
                      AND NOT EXISTS (
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
            ],
            ClearStage("segments", stage));
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
    private static NamedSql InferMembers(string name, string stage, string dimension, string idColumn, string attributeColumn) =>
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
    private static NamedSql RenameInferred(string name, string stage, string dimension, string idColumn, string nameColumn) =>
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
    private static string PointInTime(string alias, string dimension, string keyColumn, string idColumn, string timeColumn) =>
        $"OUTER APPLY (SELECT TOP (1) d.{keyColumn} FROM {dimension} AS d WHERE d.source_key = @source_key AND d.{idColumn} = s.{idColumn} " +
        $"AND d.valid_from_utc <= s.{timeColumn} AND s.{timeColumn} < d.valid_to_utc ORDER BY d.valid_from_utc DESC) AS {alias}";

    // Facts of the covered intervals that the batch does not carry identically; identical rows stay untouched (and
    // keep their load_batch_id), so a repeated load changes nothing.
    private static NamedSql DeleteReplacedFacts(string name, string stage, string fact, IReadOnlyList<string> keys, IReadOnlyList<string> values) =>
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

    private static NamedSql InsertNewFacts(string name, string stage, string fact, IReadOnlyList<string> keys, IReadOnlyList<string> values) =>
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

    private static NamedSql ClearStage(string report, string stage) =>
        new($"{report}.clear_stage", $"DELETE FROM {stage} WHERE load_batch_id = @load_batch_id;");

    private static string Same(string left, string right, IReadOnlyList<string> columns) =>
        $"EXISTS (SELECT {string.Join(", ", columns.Select(c => $"{left}.{c}"))} INTERSECT SELECT {string.Join(", ", columns.Select(c => $"{right}.{c}"))})";
}
