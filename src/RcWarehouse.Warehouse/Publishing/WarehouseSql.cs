using RcWarehouse.Core.Reports;

namespace RcWarehouse.Warehouse.Publishing;

/// <summary>One named SQL text; names make snapshot files and parser failures readable.</summary>
internal sealed record NamedSql(string Name, string Text);

/// <summary>
/// The statements that publish one report, run in order inside the publish transaction. Every statement of
/// <see cref="Publish"/> takes the same parameters: @load_batch_id, @source_key, @from_key, @to_key (the covered
/// interval keys, half-open). <see cref="DuplicateCheck"/> runs before them, unless <see cref="DuplicateCheckOnFailure"/>:
/// then a UNIQUE index among the publish statements refuses a repeated grain (and a repeated grain with an unresolved
/// key fails the fact insert), and the check runs only when a publish statement fails, to name the repeated keys.
/// A null <see cref="DuplicateCheck"/> means staging itself refuses a repeated grain (SQLite's interval facts, SQL
/// Server's unique clustered stage index, see <see cref="StageSql"/>). <see cref="CountStage"/> (no parameters) returns
/// how many rows the batch staged: the engine compares it with the rows read before anything is replaced.
/// </summary>
internal sealed record ReportSql(
    string StageTable,
    NamedSql? DuplicateCheck,
    IReadOnlyList<NamedSql> Publish,
    NamedSql ClearStage,
    NamedSql CountStage,
    bool DuplicateCheckOnFailure = false,
    StageSql? Stage = null);

/// <summary>
/// SQL Server's private stage of one batch: <see cref="Create"/> makes the session's <c>#temp</c> table(s) (sent without
/// parameters, as a plain batch, so the tables live for the session rather than for one sp_executesql call),
/// <see cref="Index"/> builds the unique clustered grain index once the rows are copied in, and <see cref="DuplicateCheck"/>
/// names the repeated keys when that build fails.
/// </summary>
internal sealed record StageSql(string Table, NamedSql Create, NamedSql Index, NamedSql DuplicateCheck);

/// <summary>Every statement one engine sends, so that the engines share the protocol and tests can read the SQL.</summary>
internal sealed record WarehouseSql
{
    public required JournalSql Journal { get; init; }

    /// <summary>Upserts dim_source and inserts the running etl.load_batch row; returns (load_batch_id, source_key).</summary>
    public required NamedSql BeginBatch { get; init; }

    public required NamedSql FinishBatch { get; init; }

    public required NamedSql FailBatch { get; init; }

    public required NamedSql SelectBatches { get; init; }

    public required NamedSql InsertInterval { get; init; }

    /// <summary>
    /// Takes an applock (@resource, @lock_mode, @lock_timeout_ms) owned by the transaction. Null where the transaction
    /// itself already serialises writers (SQLite's BEGIN IMMEDIATE).
    /// </summary>
    public NamedSql? AcquirePublishLock { get; init; }

    public required NamedSql AdvanceWatermark { get; init; }

    public required ReportSql AgentExtended { get; init; }

    public required ReportSql QueueStats { get; init; }

    public required ReportSql Segments { get; init; }

    public required ReportSql AgentStats { get; init; }

    public required ReferenceSql Reference { get; init; }
    public required OperationsSql Operations { get; init; }

    public required RateLimiting.RateLimitSql RateLimit { get; init; }

    public required Verification.VerifySql Verify { get; init; }

    public ReportSql For(ReportKind report) => report switch
    {
        ReportKind.AgentExtended => AgentExtended,
        ReportKind.QueueStats => QueueStats,
        ReportKind.Segments => Segments,
        ReportKind.AgentStats => AgentStats,
        _ => throw new ArgumentOutOfRangeException(nameof(report), report, null),
    };

    /// <summary>Every statement, in a stable order (snapshots and the T-SQL parse test read this).</summary>
    public IEnumerable<NamedSql> All()
    {
        foreach (var statement in Journal.All())
        {
            yield return statement;
        }

        yield return BeginBatch;
        yield return FinishBatch;
        yield return FailBatch;
        yield return SelectBatches;
        yield return InsertInterval;
        if (AcquirePublishLock is not null)
        {
            yield return AcquirePublishLock;
        }

        yield return AdvanceWatermark;
        foreach (var report in new[] { AgentExtended, QueueStats, Segments, AgentStats })
        {
            if (report.Stage is { } stage)
            {
                yield return stage.Create;
                yield return stage.Index;
                yield return stage.DuplicateCheck;
            }

            yield return report.CountStage;
            if (report.DuplicateCheck is not null)
            {
                yield return report.DuplicateCheck;
            }

            foreach (var statement in report.Publish)
            {
                yield return statement;
            }

            yield return report.ClearStage;
        }

        foreach (var statement in Reference.All())
        {
            yield return statement;
        }

        foreach (var statement in Operations.All())
        {
            yield return statement;
        }

        foreach (var statement in RateLimit.All())
        {
            yield return statement;
        }

        foreach (var statement in Verify.All())
        {
            yield return statement;
        }
    }
}
