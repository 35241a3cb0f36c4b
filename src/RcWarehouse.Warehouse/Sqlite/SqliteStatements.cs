using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse.Publishing;
using RcWarehouse.Warehouse.Sqlite.Publish;
using RcWarehouse.Warehouse.Staging;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// Every statement the SQLite engine sends: the batch records here, each report's statements written out in its own file
/// under <c>Sqlite/Publish</c> (this class hands them to the writers by report). Times are TEXT
/// 'yyyy-MM-dd HH:mm:ss.fff', so comparisons on them are comparisons of instants; <c>IS</c> is SQLite's null-safe equality.
/// </summary>
internal static class SqliteStatements
{
    /// <summary>
    /// Where an inferred member's only version starts and ends: all of time, in the warehouse's UTC text (spelled out in
    /// the statements that infer members, <see cref="SqliteDimensionKeysSql"/> and the reports' infer_agents).
    /// </summary>
    public const string MinValidFromText = "1900-01-01 00:00:00.000";

    public const string MaxValidToText = "9999-12-31 00:00:00.000";

    private static readonly SqliteFactPlan[] FactPlans = [SqliteAgentExtendedSql.Plan, SqliteQueueStatsSql.Plan];

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
        AgentExtended = SqliteAgentExtendedSql.Sql,
        QueueStats = SqliteQueueStatsSql.Sql,
        Segments = SqliteSegmentsSql.Sql,
        AgentStats = SqliteAgentStatsSql.Sql,
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
        "agent_extended" => SqliteAgentExtendedSql.Plan.Members,
        "queue_stats" => SqliteQueueStatsSql.Plan.Members,
        "segment" => [SqliteSegmentsSql.Agents],
        "agent_stats" => [SqliteAgentStatsSql.Agents],
        _ => throw new ArgumentOutOfRangeException(nameof(layoutTable), layoutTable, null),
    };

    /// <summary>
    /// How an interval report is written straight into its fact, or null for a report that stages first (segments: their
    /// publish compares events and moves segments between slots, which set-based statements over a stage do best).
    /// </summary>
    public static SqliteFactPlan? FactPlanOf(string layoutTable) => Array.Find(FactPlans, p => p.Report == layoutTable);

    public static SqliteFactPlan? FactPlanOf(ReportKind report) => Array.Find(FactPlans, p => p.Kind == report);

    /// <summary>The multi-row upsert of <paramref name="rows"/> resolved fact rows (written out in the report's file).</summary>
    public static string FactUpsert(SqliteFactPlan plan, int rows) => plan.Statements.FactUpsert(rows);

    /// <summary>Records <paramref name="rows"/> grains the batch carried, with the batch row each came from; the primary key refuses a repeat.</summary>
    public static string KeysInsert(SqliteFactPlan plan, int rows) => plan.Statements.KeysInsert(rows);

    /// <summary>The batch row that first carried a grain (to name both rows of a repeat).</summary>
    public static string SelectKeyRow(SqliteFactPlan plan) => plan.Statements.SelectKeyRow;

    /// <summary>Every version of one member of the source, newest first.</summary>
    public static string SelectVersions(StageMembers members) => SqliteDimensionKeysSql.SelectVersions(members);

    /// <summary>A member no dimension row knows yet: inferred, valid for all time, until reference data completes it.</summary>
    public static string InferMember(StageMembers members) => SqliteDimensionKeysSql.InferMember(members);

    /// <summary>The prepared INSERT of <paramref name="rows"/> rows per statement the SQLite stager reuses (written out in the report's file).</summary>
    public static string StageInsert<TRow>(StageLayout<TRow> layout, int rows = 1) => layout.Table switch
    {
        "segment" => SqliteSegmentsSql.StageInsert(rows),
        "agent_stats" => SqliteAgentStatsSql.StageInsert(rows),
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout.Table, "The report is written straight into its fact, not staged."),
    };

    /// <summary>Positional-looking names keep a 100-row statement's text short; row r, column i.</summary>
    public static string StageParameter(int row, int column) => SqliteValueRows.Parameter(row, column);

    public static string InsertMember(StageMembers members) => members.Insert;
}
