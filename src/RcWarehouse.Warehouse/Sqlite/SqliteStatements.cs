using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse.Publishing;
using RcWarehouse.Warehouse.Staging;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// Every statement the SQLite engine sends. Times are TEXT 'yyyy-MM-dd HH:mm:ss.fff', so comparisons on them are
/// comparisons of instants; <c>IS</c> is SQLite's null-safe equality.
/// </summary>
internal static class SqliteStatements
{
    /// <summary>Where an inferred member's only version starts and ends: all of time, in the warehouse's UTC text.</summary>
    public const string MinValidFromText = "1900-01-01 00:00:00.000";

    public const string MaxValidToText = "9999-12-31 00:00:00.000";

    private const string MinValidFrom = "'" + MinValidFromText + "'";
    private const string MaxValidTo = "'" + MaxValidToText + "'";

    private static readonly StageMembers[] AgentExtendedMembers =
        [
            new("temp.stage_agent_extended_agents", "agent_id", "agent_name", "dim_agent", "agent_key"),
            new("temp.stage_agent_extended_queues", "queue_id", "queue_name", "dim_queue", "queue_key"),
        ];

    private static readonly StageMembers[] QueueStatsMembers = [new("temp.stage_queue_stats_queues", "queue_id", "queue_name", "dim_queue", "queue_key")];

    private static readonly StageMembers[] SegmentMembers = [new("temp.stage_segment_agents", "agent_id", "rc_user_id", "dim_agent", "agent_key")];

    private static readonly SqliteFactPlan AgentExtendedFacts = new(
        ReportKind.AgentExtended, "agent_extended", "fact_agent_queue_interval", "temp.batch_keys_agent_extended", AgentExtendedMembers, FactColumns.AgentQueueMeasures);

    private static readonly SqliteFactPlan QueueStatsFacts = new(
        ReportKind.QueueStats, "queue_stats", "fact_queue_interval", "temp.batch_keys_queue_stats", QueueStatsMembers, FactColumns.QueueMeasures);

    private static readonly SqliteFactPlan[] FactPlans = [AgentExtendedFacts, QueueStatsFacts];

    /// <summary>The source a batch belongs to, created on first sight and renamed when its configured name changed (see SqlServerStatements.UpsertSource).</summary>
    internal const string UpsertSource = """
            INSERT INTO dim_source (sub_account_id, source_name)
            VALUES (@sub_account_id, @source_name)
            ON CONFLICT (sub_account_id) DO UPDATE
            SET source_name = excluded.source_name
            WHERE excluded.source_name IS NOT NULL AND excluded.source_name IS NOT dim_source.source_name;

            """;

    public static WarehouseSql Catalog { get; } = new()
    {
        Journal = SqliteJournalStatements.Sql,
        BeginBatch = new("begin_batch", UpsertSource + """

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
            WHERE load_batch_id = @load_batch_id
              AND status = 'running';
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
        AgentStats = SqliteAgentStatsStatements.Sql,
        Reference = SqliteReferenceStatements.Sql,
        Operations = SqliteOperationsStatements.Sql,
        RateLimit = RateLimiting.SqliteRateLimitStatements.Sql,
        Verify = Verification.SqliteVerifyStatements.Sql,
    };

    /// <summary>
    /// A load stages into a TEMP copy of <c>main.stage_{table}</c> (same columns, same affinities), private to the
    /// loading connection: the temp database is never WAL-logged or synced, so a million staged rows and their removal
    /// cost no write-ahead log traffic, and its pages spill to a temp file instead of growing the process.
    /// The main-database stage tables stay the single definition of the columns (and SQL Server's counterpart).
    /// </summary>
    public static string StageTable(string layoutTable) => "temp.stage_" + layoutTable;

    /// <summary>The distinct dimension members (id, attribute) the stager collects while it stages, per report.</summary>
    public static IReadOnlyList<StageMembers> MembersOf(string layoutTable) => layoutTable switch
    {
        "agent_extended" => AgentExtendedMembers,
        "queue_stats" => QueueStatsMembers,
        "segment" => SegmentMembers,
        "agent_stats" => SqliteAgentStatsStatements.Members,
        _ => throw new ArgumentOutOfRangeException(nameof(layoutTable), layoutTable, null),
    };

    /// <summary>
    /// How an interval report is written straight into its fact, or null for a report that stages first (segments: their
    /// publish compares events and moves segments between slots, which set-based statements over a stage do best).
    /// </summary>
    public static SqliteFactPlan? FactPlanOf(string layoutTable) => Array.Find(FactPlans, p => p.Report == layoutTable);

    public static SqliteFactPlan? FactPlanOf(ReportKind report) => Array.Find(FactPlans, p => p.Kind == report);

    /// <summary>
    /// Creates the batch's empty temp tables (inside the load transaction, so a rollback removes them): the member
    /// tables, and either the grain keys the batch carried (interval reports) or the stage with its members' versions.
    /// </summary>
    public static string CreateStage(string layoutTable)
    {
        var sb = new System.Text.StringBuilder();
        if (FactPlanOf(layoutTable) is { } plan)
        {
            DropAndCreate(sb, plan.KeysTable, $"{string.Join(", ", plan.Grain.Select(k => k + " INTEGER NOT NULL"))}, batch_row INTEGER NOT NULL, PRIMARY KEY ({string.Join(", ", plan.Grain)})) WITHOUT ROWID");
            DropAndCreate(sb, plan.FirstLoadTable, "source_key INTEGER NOT NULL, from_key INTEGER NOT NULL, to_key INTEGER NOT NULL)");
        }
        else
        {
            var table = "stage_" + layoutTable;
            sb.Append("DROP TABLE IF EXISTS temp.").Append(table).Append(";\n")
                .Append("CREATE TEMP TABLE ").Append(table).Append(" AS SELECT * FROM main.").Append(table).Append(" WHERE 0;");
            foreach (var members in MembersOf(layoutTable))
            {
                DropAndCreate(sb, members.VersionsTable, $"{members.IdColumn} TEXT NOT NULL, valid_from_utc TEXT NOT NULL, valid_to_utc TEXT NOT NULL, {members.KeyColumn} INTEGER NOT NULL, PRIMARY KEY ({members.IdColumn}, valid_from_utc)) WITHOUT ROWID");
            }
        }

        foreach (var members in MembersOf(layoutTable))
        {
            DropAndCreate(sb, members.Table, $"{members.IdColumn} TEXT NOT NULL, {members.AttributeColumn} TEXT NULL)");
        }

        return sb.ToString().TrimStart('\n');
    }

    /// <summary>
    /// The multi-row upsert of <paramref name="rows"/> resolved fact rows: a new grain is inserted, a grain whose
    /// measures changed is updated (and takes the batch's id), an identical one is left alone, so that loading the same
    /// rows twice changes nothing. Parameters: @source_key, @load_batch_id, and @r{row}c{column} over the grain and measures.
    /// </summary>
    public static string FactUpsert(SqliteFactPlan plan, int rows)
    {
        var columns = plan.Grain.Concat(plan.Measures).ToArray();
        var sb = new System.Text.StringBuilder()
            .Append("INSERT INTO ").Append(plan.Fact).Append(" (source_key, ").Append(string.Join(", ", columns)).Append(", load_batch_id)\nVALUES ");
        AppendValueRows(sb, rows, columns.Length, "@source_key, ", ", @load_batch_id");
        return sb.Append("\nON CONFLICT (source_key, ").Append(string.Join(", ", plan.Grain)).Append(") DO UPDATE\nSET ")
            .Append(string.Join(",\n    ", plan.Measures.Append("load_batch_id").Select(c => $"{c} = excluded.{c}")))
            .Append("\nWHERE ").Append(string.Join("\n   OR ", plan.Measures.Select(c => $"{plan.Fact}.{c} IS NOT excluded.{c}")))
            .Append(';').ToString();
    }

    /// <summary>Records <paramref name="rows"/> grains the batch carried, with the batch row each came from; the primary key refuses a repeat.</summary>
    public static string KeysInsert(SqliteFactPlan plan, int rows)
    {
        var sb = new System.Text.StringBuilder()
            .Append("INSERT INTO ").Append(plan.KeysTable).Append(" (").Append(string.Join(", ", plan.Grain)).Append(", batch_row)\nVALUES ");
        AppendValueRows(sb, rows, plan.Grain.Count + 1, string.Empty, string.Empty);
        return sb.Append(';').ToString();
    }

    /// <summary>The batch row that first carried a grain (to name both rows of a repeat).</summary>
    public static string SelectKeyRow(SqliteFactPlan plan) =>
        $"SELECT batch_row FROM {plan.KeysTable} WHERE {string.Join(" AND ", plan.Grain.Select(k => $"{k} = @{k}"))};";

    /// <summary>Every version of one member of the source, newest first.</summary>
    public static string SelectVersions(StageMembers members) => $"""
        SELECT valid_from_utc, valid_to_utc, {members.KeyColumn}
        FROM {members.Dimension}
        WHERE source_key = @source_key AND {members.IdColumn} = @id
        ORDER BY valid_from_utc DESC;
        """;

    /// <summary>A member no dimension row knows yet: inferred, valid for all time, until reference data completes it.</summary>
    public static string InferMember(StageMembers members) => $"""
        INSERT INTO {members.Dimension} (source_key, {members.IdColumn}, {members.AttributeColumn}, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
        VALUES (@source_key, @id, @attribute, 1, 1, {MinValidFrom}, {MaxValidTo}, 1)
        RETURNING {members.KeyColumn};
        """;

    /// <summary>The prepared INSERT of <paramref name="rows"/> rows per statement the SQLite stager reuses, built from the staging layout.</summary>
    public static string StageInsert<TRow>(StageLayout<TRow> layout, int rows = 1)
    {
        var names = layout.Columns.Select(c => c.Name).ToArray();
        var sb = new System.Text.StringBuilder()
            .Append("INSERT INTO ").Append(StageTable(layout.Table)).Append(" (load_batch_id, ").Append(string.Join(", ", names)).Append(")\nVALUES ");
        AppendValueRows(sb, rows, names.Length, "@load_batch_id, ", string.Empty);
        return sb.Append(';').ToString();
    }

    /// <summary>Positional-looking names keep a 100-row statement's text short; row r, column i.</summary>
    public static string StageParameter(int row, int column) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"@r{row}c{column}");

    // "(prefix@r0c0, @r0c1, ...suffix),\n       (...)" for a multi-row VALUES of rows x columns parameters.
    private static void AppendValueRows(System.Text.StringBuilder sb, int rows, int columns, string prefix, string suffix)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        for (var r = 0; r < rows; r++)
        {
            sb.Append(r == 0 ? "(" : ",\n       (").Append(prefix);
            for (var i = 0; i < columns; i++)
            {
                sb.Append(i == 0 ? string.Empty : ", ").Append(StageParameter(r, i));
            }

            sb.Append(suffix).Append(')');
        }
    }

    private static void DropAndCreate(System.Text.StringBuilder sb, string table, string definition) =>
        sb.Append("\nDROP TABLE IF EXISTS ").Append(table).Append(";\nCREATE TEMP TABLE ").Append(table["temp.".Length..])
            .Append(" (").Append(definition).Append(';');

    public static string InsertMember(StageMembers members) =>
        $"INSERT INTO {members.Table} ({members.IdColumn}, {members.AttributeColumn}) VALUES (@id, @attribute);";

    private static ReportSql AgentExtendedSql() => IntervalFactSql(AgentExtendedFacts);

    private static ReportSql QueueStatsSql() => IntervalFactSql(QueueStatsFacts);

    // The facts are already written when these run (SqliteFactWriter); what is left is completing inferred members'
    // names and removing the covered slots' facts the batch no longer carries.
    private static ReportSql IntervalFactSql(SqliteFactPlan plan) => new(
        plan.KeysTable,
        null,
        [
            .. plan.Members.Select(m => RenameInferred($"{plan.Report}.rename_inferred_{m.Dimension["dim_".Length..]}s", m, m.Dimension)),
            DeleteStaleFacts(plan),
        ],
        new($"{plan.Report}.clear_stage", string.Join("\n", plan.Members.Select(m => m.Table).Prepend(plan.FirstLoadTable).Prepend(plan.KeysTable).Select(t => $"DROP TABLE {t};"))),
        CountWritten(plan));

    // The rows the batch wrote: the grains in the keys table, or on a first load (no keys recorded) the facts in the
    // batch's window, which held none before it (SqliteFirstLoadStatements).
    private static NamedSql CountWritten(SqliteFactPlan plan) =>
        new($"{plan.Report}.count_stage", $"""
            SELECT (SELECT COUNT(*) FROM {plan.KeysTable})
                 + (SELECT COUNT(*)
                    FROM {plan.FirstLoadTable} AS w
                    JOIN {plan.Fact} AS f
                      ON f.source_key = w.source_key AND f.interval_key >= w.from_key AND f.interval_key < w.to_key);
            """);

    // A first load's slots held no facts before it, so nothing in them is stale (and its keys table is empty). Otherwise
    // every grain the batch carried is in the fact and in the covered slots, so the slots hold stale facts exactly when
    // they hold more facts than the batch carried: the counts (one pass over an index range) decide, once, before the
    // per-row search runs at all, which a repeated or purely additive load never needs. The decision is the end of the
    // key range searched (@from_key: an empty range), a value SQLite computes once before it seeks: a guard beside the
    // range would still be tested on every fact of the window, and its counts would run on a first load too.
    private static NamedSql DeleteStaleFacts(SqliteFactPlan plan) =>
        new($"{plan.Report}.delete_stale_facts", $"""
            DELETE FROM {plan.Fact}
            WHERE source_key = @source_key
              AND interval_key >= @from_key
              AND interval_key < (SELECT CASE
                                             WHEN EXISTS (SELECT 1 FROM {plan.FirstLoadTable}) THEN @from_key
                                             WHEN (SELECT COUNT(*) FROM {plan.Fact} AS f
                                                   WHERE f.source_key = @source_key AND f.interval_key >= @from_key AND f.interval_key < @to_key)
                                                  > (SELECT COUNT(*) FROM {plan.KeysTable}) THEN @to_key
                                             ELSE @from_key
                                         END)
              AND NOT EXISTS (
                  SELECT 1
                  FROM {plan.KeysTable} AS k
                  WHERE {string.Join("\n        AND ", plan.Grain.Select(k => $"k.{k} = {plan.Fact}.{k}"))});
            """);

    private static ReportSql SegmentsSql()
    {
        const string stage = "temp.stage_segment";

        // A published segment is in this batch's scope when its slot is covered or when the batch carries it again
        // (a segment can move slot between two pulls of overlapping windows).
        const string inScope = """
            (f.interval_key >= @from_key AND f.interval_key < @to_key
                   OR EXISTS (SELECT 1 FROM temp.stage_segment AS c
                              WHERE c.load_batch_id = @load_batch_id AND c.interaction_id = f.interaction_id AND c.segment_id = f.segment_id))
            """;
        var attributes = FactColumns.SegmentAttributes;
        return new(
            stage,
            DuplicateCheck("segments", stage, ["interaction_id", "segment_id"]),
            [
                StageIndex("segment", ["interaction_id", "segment_id"]),
                InferMembers("segments.infer_agents", SegmentMembers[0], "dim_agent"),
                CopyVersions("segments.copy_agent_versions", SegmentMembers[0]),
                new("segments.resolve_keys", $"""
                    UPDATE {stage}
                    SET agent_key = {PointInTime(stage, SegmentMembers[0], "segment_start_utc")}
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
                          FROM temp.stage_segment AS s, json_each(s.events_json) AS j
                          WHERE s.load_batch_id = @load_batch_id
                            AND s.is_unchanged = 1
                            AND s.interaction_id = fact_segment_event.interaction_id
                            AND s.segment_id = fact_segment_event.segment_id
                            AND json_extract(j.value, '$.seq') = fact_segment_event.event_seq
                            AND json_extract(j.value, '$.type') IS fact_segment_event.event_type
                            AND json_extract(j.value, '$.time') IS fact_segment_event.event_time_utc
                            AND json_extract(j.value, '$.client_time') IS fact_segment_event.client_event_time_utc);
                    """),
                SqliteSegmentAttributeStatements.DeleteReplaced(inScope),
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
                          FROM temp.stage_segment AS s
                          WHERE s.load_batch_id = @load_batch_id
                            AND s.is_unchanged = 1
                            AND s.interaction_id = fact_segment.interaction_id
                            AND s.segment_id = fact_segment.segment_id);
                    """),
                new("segments.insert_new_segments", $"""
                    INSERT INTO fact_segment (source_key, interaction_id, segment_id, {string.Join(", ", attributes)}, load_batch_id)
                    SELECT @source_key, s.interaction_id, s.segment_id, {string.Join(", ", attributes.Select(c => "s." + c))}, @load_batch_id
                    FROM temp.stage_segment AS s
                    WHERE s.load_batch_id = @load_batch_id
                      AND s.is_unchanged IS NULL
                    ORDER BY s.interaction_id, s.segment_id;
                    """),
                new("segments.insert_new_events", $"""
                    INSERT INTO fact_segment_event (source_key, interaction_id, segment_id, event_seq, event_type, event_time_utc, client_event_time_utc, load_batch_id)
                    SELECT @source_key, s.interaction_id, s.segment_id, json_extract(j.value, '$.seq'), json_extract(j.value, '$.type'),
                           json_extract(j.value, '$.time'), json_extract(j.value, '$.client_time'), @load_batch_id
                    FROM temp.stage_segment AS s, json_each(s.events_json) AS j
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
                SqliteSegmentAttributeStatements.InsertNew,
            ],
            ClearStage("segments", stage, SegmentMembers),
            new("segments.count_stage", $"SELECT COUNT(*) FROM {stage};"),
            DuplicateCheckOnFailure: true);
    }

    internal static NamedSql DuplicateCheck(string report, string stage, IReadOnlyList<string> grain)
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

    // The dimension members come from the small member tables the stager fills with the batch's distinct (id,
    // attribute) pairs, not from a pass over the stage: MAX over distinct pairs is MAX over the rows.
    internal static NamedSql InferMembers(string name, StageMembers members, string dimension) =>
        new(name, $"""
            INSERT INTO {dimension} (source_key, {members.IdColumn}, {members.AttributeColumn}, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
            SELECT @source_key, s.{members.IdColumn}, MAX(s.{members.AttributeColumn}), 1, 1, {MinValidFrom}, {MaxValidTo}, 1
            FROM {members.Table} AS s
            WHERE NOT EXISTS (SELECT 1 FROM {dimension} AS d WHERE d.source_key = @source_key AND d.{members.IdColumn} = s.{members.IdColumn})
            GROUP BY s.{members.IdColumn}
            ORDER BY s.{members.IdColumn};
            """);

    internal static NamedSql RenameInferred(string name, StageMembers members, string dimension) =>
        new(name, $"""
            UPDATE {dimension}
            SET {members.AttributeColumn} = n.{members.AttributeColumn}
            FROM (
                SELECT s.{members.IdColumn}, MAX(s.{members.AttributeColumn}) AS {members.AttributeColumn}
                FROM {members.Table} AS s
                WHERE s.{members.AttributeColumn} IS NOT NULL
                GROUP BY s.{members.IdColumn}
            ) AS n
            WHERE {dimension}.source_key = @source_key
              AND {dimension}.{members.IdColumn} = n.{members.IdColumn}
              AND {dimension}.is_inferred = 1
              AND {dimension}.{members.AttributeColumn} IS NOT n.{members.AttributeColumn};
            """);

    // Built once the keys are resolved (an index maintained while staging or updating costs more than one sort), and
    // UNIQUE: one sort both indexes the stage and refuses a repeated grain (a resolved key names one id, so a unique
    // key grain is a unique id grain), instead of a separate GROUP BY over the whole stage (DuplicateCheckOnFailure).
    internal static NamedSql StageIndex(string table, IReadOnlyList<string> grain) =>
        new($"{(table == "segment" ? "segments" : table)}.index_stage", $"CREATE UNIQUE INDEX temp.ux_stage_{table}_grain ON stage_{table} (load_batch_id, {string.Join(", ", grain)});");

    // The batch's members' versions, copied once so the per-row lookup below searches a small index-only table
    // instead of the dimension (its rows, and the source's other members).
    internal static NamedSql CopyVersions(string name, StageMembers members) =>
        new(name, $"""
            INSERT INTO {members.VersionsTable} ({members.IdColumn}, valid_from_utc, valid_to_utc, {members.KeyColumn})
            SELECT d.{members.IdColumn}, d.valid_from_utc, d.valid_to_utc, d.{members.KeyColumn}
            FROM {members.Dimension} AS d
            WHERE d.source_key = @source_key
              AND d.{members.IdColumn} IN (SELECT m.{members.IdColumn} FROM {members.Table} AS m);
            """);

    // The version valid at the row's time; the newest wins should versions ever overlap. The versions table holds every
    // version of every member the batch names (of this source), so this is the same lookup as in the dimension.
    internal static string PointInTime(string stage, StageMembers members, string timeColumn) =>
        $"(SELECT d.{members.KeyColumn} FROM {members.VersionsTable} AS d WHERE d.{members.IdColumn} = {stage}.{members.IdColumn} " +
        $"AND d.valid_from_utc <= {stage}.{timeColumn} AND {stage}.{timeColumn} < d.valid_to_utc ORDER BY d.valid_from_utc DESC LIMIT 1)";

    // The temp tables are the batch's alone; dropping them is the cheapest way to empty them.
    internal static NamedSql ClearStage(string report, string stage, IReadOnlyList<StageMembers> members) =>
        new($"{report}.clear_stage", string.Join("\n", members.SelectMany(m => new[] { m.Table, m.VersionsTable }).Prepend(stage).Select(t => $"DROP TABLE {t};")));

    internal static string Same(string left, string right, IReadOnlyList<string> columns) =>
        string.Join("\n        AND ", columns.Select(c => $"{left}.{c} IS {right}.{c}"));
}
