using RcWarehouse.Core.Reports;

namespace RcWarehouse.Warehouse.Publishing;

/// <summary>One named SQL text; names make snapshot files and parser failures readable.</summary>
internal sealed record NamedSql(string Name, string Text);

/// <summary>
/// The statements of one report's publish protocol (sql/README.md, "Publish protocol"): <see cref="Stage"/> fills and
/// checks the batch's private stage (steps 2 and 3); <see cref="Publish"/> runs in order inside the publish transaction
/// (step 5), every statement with the same parameters: @load_batch_id, @source_key, @from_key, @to_key (the covered
/// interval keys, half-open); <see cref="ClearStage"/> drops the private tables at the end of that transaction.
/// </summary>
internal sealed record ReportSql(StageSql Stage, IReadOnlyList<NamedSql> Publish, NamedSql ClearStage);

/// <summary>
/// The batch's private stage, on both engines a table of the loading connection alone (SQLite TEMP, SQL Server
/// <c>#temp</c>):
/// <see cref="Create"/> makes the empty tables (sent without parameters: on SQL Server a plain batch, so the tables live
/// for the session rather than for one sp_executesql call); the dialect then moves the rows in its own way;
/// <see cref="Index"/> builds the UNIQUE grain index once the rows are in (one sort), so the publish seeks and a repeated
/// grain fails the build, when <see cref="DuplicateCheck"/> (@load_batch_id) names the repeated keys; <see cref="Count"/>
/// (no parameters) returns how many rows were staged, compared with the rows read before anything is replaced.
/// <see cref="Index"/> and <see cref="DuplicateCheck"/> are null where a primary key refuses a repeat while the rows are
/// written (SQLite's interval facts, see SqliteFactWriter, which names both rows itself).
/// </summary>
internal sealed record StageSql(string Table, NamedSql Create, NamedSql? Index, NamedSql? DuplicateCheck, NamedSql Count);

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
            yield return report.Stage.Create;
            if (report.Stage.Index is { } index)
            {
                yield return index;
            }

            if (report.Stage.DuplicateCheck is { } duplicateCheck)
            {
                yield return duplicateCheck;
            }

            yield return report.Stage.Count;
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
