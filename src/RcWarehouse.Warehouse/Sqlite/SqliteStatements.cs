using RcWarehouse.Warehouse.Publishing;
using RcWarehouse.Warehouse.Staging;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// Every statement the SQLite engine sends. Times are TEXT 'yyyy-MM-dd HH:mm:ss.fff', so comparisons on them are
/// comparisons of instants; <c>IS</c> is SQLite's null-safe equality.
/// </summary>
internal static class SqliteStatements
{
    private const string MinValidFrom = "'1900-01-01 00:00:00.000'";
    private const string MaxValidTo = "'9999-12-31 00:00:00.000'";

    public static WarehouseSql Catalog { get; } = new()
    {
        EnsureJournal = new("ensure_journal", """
            CREATE TABLE IF NOT EXISTS SchemaVersions (
                SchemaVersionsId INTEGER PRIMARY KEY AUTOINCREMENT,
                ScriptName       TEXT NOT NULL UNIQUE,
                Applied          TEXT NOT NULL,
                Checksum         TEXT NOT NULL
            );
            """),
        SelectJournal = new("select_journal", "SELECT ScriptName, Checksum FROM SchemaVersions ORDER BY ScriptName;"),
        InsertJournal = new("insert_journal", "INSERT INTO SchemaVersions (ScriptName, Applied, Checksum) VALUES (@script_name, @applied, @checksum);"),
        BeginBatch = new("begin_batch", """
            INSERT INTO dim_source (sub_account_id, source_name)
            VALUES (@sub_account_id, @source_name)
            ON CONFLICT (sub_account_id) DO UPDATE
            SET source_name = excluded.source_name
            WHERE excluded.source_name IS NOT NULL AND excluded.source_name IS NOT dim_source.source_name;

            INSERT INTO load_batch (source_key, report, window_start_utc, window_end_utc, landed_file, sha256, status, started_utc)
            VALUES ((SELECT source_key FROM dim_source WHERE sub_account_id = @sub_account_id),
                    @report, @window_start_utc, @window_end_utc, @landed_file, @sha256, 'running', @started_utc)
            RETURNING load_batch_id, source_key;
            """),
        FinishBatch = new("finish_batch", """
            UPDATE load_batch
            SET status = 'succeeded',
                rows_read = @rows_read,
                rows_loaded = @rows_loaded,
                window_start_utc = @window_start_utc,
                window_end_utc = @window_end_utc,
                error = NULL,
                finished_utc = @finished_utc
            WHERE load_batch_id = @load_batch_id;
            """),
        FailBatch = new("fail_batch", """
            UPDATE load_batch
            SET status = 'failed',
                rows_read = @rows_read,
                rows_loaded = 0,
                error = @error,
                finished_utc = @finished_utc
            WHERE load_batch_id = @load_batch_id;
            """),
        SelectBatches = new("select_batches", """
            SELECT b.load_batch_id, s.sub_account_id, b.report, b.window_start_utc, b.window_end_utc, b.landed_file, b.sha256,
                   b.rows_read, b.rows_loaded, b.status, b.error, b.started_utc, b.finished_utc
            FROM load_batch AS b
            INNER JOIN dim_source AS s ON s.source_key = b.source_key
            WHERE @sub_account_id IS NULL OR s.sub_account_id = @sub_account_id
            ORDER BY b.load_batch_id DESC
            LIMIT @limit;
            """),
        InsertInterval = new("insert_interval", """
            INSERT INTO dim_interval (interval_key, start_utc, local_start, local_date, local_time, local_hour, day_of_week, is_weekend)
            VALUES (@interval_key, @start_utc, @local_start, @local_date, @local_time, @local_hour, @day_of_week, @is_weekend)
            ON CONFLICT (interval_key) DO NOTHING;
            """),
        AcquirePublishLock = null,
        AdvanceWatermark = new("advance_watermark", """
            INSERT INTO watermark (source_key, report, loaded_through_utc, updated_utc)
            VALUES (@source_key, @report, @loaded_through_utc, @now_utc)
            ON CONFLICT (source_key, report) DO UPDATE
            SET loaded_through_utc = excluded.loaded_through_utc,
                updated_utc = excluded.updated_utc
            WHERE excluded.loaded_through_utc > watermark.loaded_through_utc;
            """),
        AgentExtended = AgentExtendedSql(),
        QueueStats = QueueStatsSql(),
        Segments = SegmentsSql(),
        Reference = SqliteReferenceStatements.Sql,
        Operations = SqliteOperationsStatements.Sql,
    };

    public static string StageTable(string layoutTable) => "stage_" + layoutTable;

    /// <summary>The prepared INSERT the SQLite stager reuses for every row, built from the staging layout.</summary>
    public static string StageInsert<TRow>(StageLayout<TRow> layout)
    {
        var names = layout.Columns.Select(c => c.Name).ToArray();
        return $"INSERT INTO {StageTable(layout.Table)} (load_batch_id, {string.Join(", ", names)})\n" +
            $"VALUES (@load_batch_id, {string.Join(", ", names.Select(n => "@" + n))});";
    }

    private static ReportSql AgentExtendedSql()
    {
        const string stage = "stage_agent_extended";
        return new(
            stage,
            DuplicateCheck("agent_extended", stage, ["agent_id", "queue_id", "interval_key"]),
            [
                InferMembers("agent_extended.infer_agents", stage, "dim_agent", "agent_id", "agent_name"),
                RenameInferred("agent_extended.rename_inferred_agents", stage, "dim_agent", "agent_id", "agent_name"),
                InferMembers("agent_extended.infer_queues", stage, "dim_queue", "queue_id", "queue_name"),
                RenameInferred("agent_extended.rename_inferred_queues", stage, "dim_queue", "queue_id", "queue_name"),
                new("agent_extended.resolve_keys", $"""
                    UPDATE {stage}
                    SET agent_key = {PointInTime(stage, "dim_agent", "agent_key", "agent_id", "interval_start_utc")},
                        queue_key = {PointInTime(stage, "dim_queue", "queue_key", "queue_id", "interval_start_utc")}
                    WHERE load_batch_id = @load_batch_id;
                    """),
                DeleteReplacedFacts("agent_extended.delete_replaced_facts", stage, "fact_agent_queue_interval", ["interval_key", "agent_key", "queue_key"], FactColumns.AgentQueueMeasures),
                InsertNewFacts("agent_extended.insert_new_facts", stage, "fact_agent_queue_interval", ["interval_key", "agent_key", "queue_key"], FactColumns.AgentQueueMeasures),
            ],
            ClearStage("agent_extended", stage));
    }

    private static ReportSql QueueStatsSql()
    {
        const string stage = "stage_queue_stats";
        return new(
            stage,
            DuplicateCheck("queue_stats", stage, ["queue_id", "interval_key"]),
            [
                InferMembers("queue_stats.infer_queues", stage, "dim_queue", "queue_id", "queue_name"),
                RenameInferred("queue_stats.rename_inferred_queues", stage, "dim_queue", "queue_id", "queue_name"),
                new("queue_stats.resolve_keys", $"""
                    UPDATE {stage}
                    SET queue_key = {PointInTime(stage, "dim_queue", "queue_key", "queue_id", "interval_start_utc")}
                    WHERE load_batch_id = @load_batch_id;
                    """),
                DeleteReplacedFacts("queue_stats.delete_replaced_facts", stage, "fact_queue_interval", ["interval_key", "queue_key"], FactColumns.QueueMeasures),
                InsertNewFacts("queue_stats.insert_new_facts", stage, "fact_queue_interval", ["interval_key", "queue_key"], FactColumns.QueueMeasures),
            ],
            ClearStage("queue_stats", stage));
    }

    private static ReportSql SegmentsSql()
    {
        const string stage = "stage_segment";

        // A published segment is in this batch's scope when its slot is covered or when the batch carries it again
        // (a segment can move slot between two pulls of overlapping windows).
        const string inScope = """
            (f.interval_key >= @from_key AND f.interval_key < @to_key
                   OR EXISTS (SELECT 1 FROM stage_segment AS c
                              WHERE c.load_batch_id = @load_batch_id AND c.interaction_id = f.interaction_id AND c.segment_id = f.segment_id))
            """;
        var attributes = FactColumns.SegmentAttributes;
        return new(
            stage,
            DuplicateCheck("segments", stage, ["interaction_id", "segment_id"]),
            [
                InferMembers("segments.infer_agents", stage, "dim_agent", "agent_id", "rc_user_id"),
                new("segments.resolve_keys", $"""
                    UPDATE {stage}
                    SET agent_key = {PointInTime(stage, "dim_agent", "agent_key", "agent_id", "segment_start_utc")}
                    WHERE load_batch_id = @load_batch_id;
                    """),
                new("segments.resolve_by_rc_user_id", $"""
                    UPDATE {stage}
                    SET agent_key = {SqliteReferenceStatements.ByRcUserId("agent_key", stage)},
                        agent_id = {SqliteReferenceStatements.ByRcUserId("agent_id", stage)}
                    WHERE load_batch_id = @load_batch_id
                      AND agent_id IS NULL
                      AND rc_user_id IS NOT NULL;
                    """),
                new("segments.mark_unchanged", $"""
                    UPDATE {stage}
                    SET is_unchanged = 1
                    WHERE load_batch_id = @load_batch_id
                      AND EXISTS (
                          SELECT 1
                          FROM fact_segment AS f
                          WHERE f.source_key = @source_key
                            AND f.interaction_id = {stage}.interaction_id
                            AND f.segment_id = {stage}.segment_id
                            AND {Same(stage, "f", attributes)});
                    """),
                new("segments.delete_replaced_events", $"""
                    DELETE FROM fact_segment_event
                    WHERE source_key = @source_key
                      AND EXISTS (
                          SELECT 1
                          FROM fact_segment AS f
                          WHERE f.source_key = fact_segment_event.source_key
                            AND f.interaction_id = fact_segment_event.interaction_id
                            AND f.segment_id = fact_segment_event.segment_id
                            AND {inScope})
                      AND NOT EXISTS (
                          SELECT 1
                          FROM stage_segment AS s, json_each(s.events_json) AS j
                          WHERE s.load_batch_id = @load_batch_id
                            AND s.is_unchanged = 1
                            AND s.interaction_id = fact_segment_event.interaction_id
                            AND s.segment_id = fact_segment_event.segment_id
                            AND json_extract(j.value, '$.seq') = fact_segment_event.event_seq
                            AND json_extract(j.value, '$.type') IS fact_segment_event.event_type
                            AND json_extract(j.value, '$.time') IS fact_segment_event.event_time_utc
                            AND json_extract(j.value, '$.client_time') IS fact_segment_event.client_event_time_utc);
                    """),
                new("segments.delete_replaced_segments", $"""
                    DELETE FROM fact_segment
                    WHERE source_key = @source_key
                      AND EXISTS (SELECT 1 FROM fact_segment AS f
                                  WHERE f.source_key = fact_segment.source_key
                                    AND f.interaction_id = fact_segment.interaction_id
                                    AND f.segment_id = fact_segment.segment_id
                                    AND {inScope})
                      AND NOT EXISTS (
                          SELECT 1
                          FROM stage_segment AS s
                          WHERE s.load_batch_id = @load_batch_id
                            AND s.is_unchanged = 1
                            AND s.interaction_id = fact_segment.interaction_id
                            AND s.segment_id = fact_segment.segment_id);
                    """),
                new("segments.insert_new_segments", $"""
                    INSERT INTO fact_segment (source_key, interaction_id, segment_id, {string.Join(", ", attributes)}, load_batch_id)
                    SELECT @source_key, s.interaction_id, s.segment_id, {string.Join(", ", attributes.Select(c => "s." + c))}, @load_batch_id
                    FROM stage_segment AS s
                    WHERE s.load_batch_id = @load_batch_id
                      AND s.is_unchanged IS NULL
                    ORDER BY s.interaction_id, s.segment_id;
                    """),
                new("segments.insert_new_events", $"""
                    INSERT INTO fact_segment_event (source_key, interaction_id, segment_id, event_seq, event_type, event_time_utc, client_event_time_utc, load_batch_id)
                    SELECT @source_key, s.interaction_id, s.segment_id, json_extract(j.value, '$.seq'), json_extract(j.value, '$.type'),
                           json_extract(j.value, '$.time'), json_extract(j.value, '$.client_time'), @load_batch_id
                    FROM stage_segment AS s, json_each(s.events_json) AS j
                    WHERE s.load_batch_id = @load_batch_id
                      AND NOT EXISTS (
                          SELECT 1
                          FROM fact_segment_event AS e
                          WHERE e.source_key = @source_key
                            AND e.interaction_id = s.interaction_id
                            AND e.segment_id = s.segment_id
                            AND e.event_seq = json_extract(j.value, '$.seq'))
                    ORDER BY s.interaction_id, s.segment_id, json_extract(j.value, '$.seq');
                    """),
            ],
            ClearStage("segments", stage));
    }

    private static NamedSql DuplicateCheck(string report, string stage, IReadOnlyList<string> grain)
    {
        var keys = string.Join(", ", grain);
        return new($"{report}.duplicate_check", $"""
            SELECT {keys}, COUNT(*) AS copies
            FROM {stage}
            WHERE load_batch_id = @load_batch_id
            GROUP BY {keys}
            HAVING COUNT(*) > 1
            ORDER BY {keys}
            LIMIT 5;
            """);
    }

    private static NamedSql InferMembers(string name, string stage, string dimension, string idColumn, string attributeColumn) =>
        new(name, $"""
            INSERT INTO {dimension} (source_key, {idColumn}, {attributeColumn}, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
            SELECT @source_key, s.{idColumn}, MAX(s.{attributeColumn}), 1, 1, {MinValidFrom}, {MaxValidTo}, 1
            FROM {stage} AS s
            WHERE s.load_batch_id = @load_batch_id
              AND s.{idColumn} IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM {dimension} AS d WHERE d.source_key = @source_key AND d.{idColumn} = s.{idColumn})
            GROUP BY s.{idColumn}
            ORDER BY s.{idColumn};
            """);

    private static NamedSql RenameInferred(string name, string stage, string dimension, string idColumn, string nameColumn) =>
        new(name, $"""
            UPDATE {dimension}
            SET {nameColumn} = n.{nameColumn}
            FROM (
                SELECT s.{idColumn}, MAX(s.{nameColumn}) AS {nameColumn}
                FROM {stage} AS s
                WHERE s.load_batch_id = @load_batch_id AND s.{nameColumn} IS NOT NULL
                GROUP BY s.{idColumn}
            ) AS n
            WHERE {dimension}.source_key = @source_key
              AND {dimension}.{idColumn} = n.{idColumn}
              AND {dimension}.is_inferred = 1
              AND {dimension}.{nameColumn} IS NOT n.{nameColumn};
            """);

    // The version valid at the row's time; the newest wins should versions ever overlap.
    private static string PointInTime(string stage, string dimension, string keyColumn, string idColumn, string timeColumn) =>
        $"(SELECT d.{keyColumn} FROM {dimension} AS d WHERE d.source_key = @source_key AND d.{idColumn} = {stage}.{idColumn} " +
        $"AND d.valid_from_utc <= {stage}.{timeColumn} AND {stage}.{timeColumn} < d.valid_to_utc ORDER BY d.valid_from_utc DESC LIMIT 1)";

    // Facts of the covered intervals that the batch does not carry identically; identical rows stay untouched (and
    // keep their load_batch_id), so a repeated load changes nothing.
    private static NamedSql DeleteReplacedFacts(string name, string stage, string fact, IReadOnlyList<string> keys, IReadOnlyList<string> values) =>
        new(name, $"""
            DELETE FROM {fact}
            WHERE source_key = @source_key
              AND interval_key >= @from_key AND interval_key < @to_key
              AND NOT EXISTS (
                  SELECT 1
                  FROM {stage} AS s
                  WHERE s.load_batch_id = @load_batch_id
                    AND {string.Join("\n        AND ", keys.Select(k => $"s.{k} = {fact}.{k}"))}
                    AND {Same("s", fact, values)});
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
                    AND {string.Join("\n        AND ", keys.Select(k => $"f.{k} = s.{k}"))})
            ORDER BY {string.Join(", ", keys.Select(k => "s." + k))};
            """);

    private static NamedSql ClearStage(string report, string stage) =>
        new($"{report}.clear_stage", $"DELETE FROM {stage} WHERE load_batch_id = @load_batch_id;");

    private static string Same(string left, string right, IReadOnlyList<string> columns) =>
        string.Join("\n        AND ", columns.Select(c => $"{left}.{c} IS {right}.{c}"));
}
