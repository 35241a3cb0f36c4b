using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Polly;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.AgentExtended;
using RcWarehouse.Core.Reports.AgentStats;
using RcWarehouse.Core.Reports.QueueStats;
using RcWarehouse.Core.Reports.Segments;
using RcWarehouse.Core.Telemetry;
using RcWarehouse.Warehouse.Migrations;
using RcWarehouse.Warehouse.Publishing;
using RcWarehouse.Warehouse.Staging;

namespace RcWarehouse.Warehouse;

/// <summary>
/// The publish protocol, one batch, the same on both engines (sql/README.md, "Publish protocol"):
/// <list type="number">
/// <item>Record: the running etl.load_batch row and its owner, in a transaction of its own.</item>
/// <item>Stage: the rows into a stage private to the loading connection (the dialect moves them its own way), then a
/// UNIQUE index on the grain, which refuses a repeated grain and lets the publish seek.</item>
/// <item>Count: the stage holds exactly the rows read, or nothing is replaced.</item>
/// <item>Calendar: dim_interval rows for every slot touched.</item>
/// <item>Publish, one transaction: the (source, report) and dimensions applocks, then the report's statements: infer
/// and rename members, resolve point-in-time keys, replace the covered slots (delete what the batch does not carry
/// identically, insert what is new; identical facts are left alone).</item>
/// <item>Finish, same transaction: drop the stage, mark the batch succeeded only if it is still running, advance the
/// watermark, commit.</item>
/// <item>On failure: roll back, record the batch failed (own transaction); a transient failure loads the same rows
/// again as a new batch (<see cref="TransientRetry"/>).</item>
/// </list>
/// Engines differ only behind <see cref="IWarehouseDialect"/> (how rows reach the stage, and whether the stage is filled
/// inside the publish transaction) and in their statements (<see cref="WarehouseSql"/>).
/// </summary>
internal sealed partial class WarehouseEngine : IWarehouse
{
    private static readonly TimeSpan FailureRecordTimeout = TimeSpan.FromSeconds(30);

    private readonly IWarehouseDialect _dialect;
    private readonly WarehouseOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly IntervalCalendar _calendar;
    private readonly Lazy<StageLayout<SegmentRow>> _segmentLayout;
    private readonly int _publishLockTimeoutMs;
    private readonly ResiliencePipeline _transientRetry;

    public WarehouseEngine(IWarehouseDialect dialect, WarehouseOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        options.Validate();
        _dialect = dialect;
        _options = options;
        _time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<WarehouseEngine>();
        _publishLockTimeoutMs = WarehouseOptions.Milliseconds(options.PublishLockTimeout);
        _transientRetry = TransientRetry.Create(dialect, options, time, _logger);

        // Resolved on the first segment load, so that a SQL Server without a personal-data secret can still migrate
        // and load interval reports; the segment load itself then fails with the setting to fix.
        _segmentLayout = new(() =>
        {
            var personalData = PersonalData.PersonalDataKeys.CreateProtector(options);
            return SegmentStaging.For(personalData, new PersonalData.SegmentAttributeProtector(personalData, options.SegmentPersonalFields));
        });
        try
        {
            _calendar = new IntervalCalendar(TimeZoneInfo.FindSystemTimeZoneById(options.BusinessTimeZone));
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"Warehouse:BusinessTimeZone '{options.BusinessTimeZone}' is not a time zone this machine knows.", nameof(options), ex);
        }
    }

    internal IWarehouseDialect Dialect => _dialect;

    public Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken) =>
        MigrateAsync(EmbeddedScripts.For(_dialect.Provider), cancellationToken);

    /// <summary>Migrates with the given scripts instead of the embedded ones (tests use it to present an edited script).
    /// The generated v_segment_labeled (from Warehouse:SegmentLabels) is added to them, unless they carry one.</summary>
    internal Task<MigrationResult> MigrateAsync(IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken) =>
        new Migrator(_dialect, _options, _time, _loggerFactory.CreateLogger<Migrator>())
            .MigrateAsync(SegmentFields.SegmentLabelView.With(scripts, _dialect.Provider, _options.SegmentLabels), cancellationToken);

    public Task EnsureSchemaCurrentAsync(CancellationToken cancellationToken) =>
        EnsureSchemaCurrentAsync(EmbeddedScripts.For(_dialect.Provider), cancellationToken);

    /// <summary>Checks against the given scripts instead of the embedded ones (tests present a newer or older release).</summary>
    internal Task EnsureSchemaCurrentAsync(IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken) =>
        Migrator.EnsureCurrentAsync(_dialect, SegmentFields.SegmentLabelView.With(scripts, _dialect.Provider, _options.SegmentLabels), cancellationToken);

    public Task<LoadResult> LoadAsync(BatchRequest request, IAsyncEnumerable<AgentExtendedRow> rows, CancellationToken cancellationToken) =>
        LoadAsync(request, ReportKind.AgentExtended, AgentExtendedStaging.Layout, rows, cancellationToken);

    public Task<LoadResult> LoadAsync(BatchRequest request, IAsyncEnumerable<QueueStatsRow> rows, CancellationToken cancellationToken) =>
        LoadAsync(request, ReportKind.QueueStats, QueueStatsStaging.Layout, rows, cancellationToken);

    public Task<LoadResult> LoadAsync(BatchRequest request, IAsyncEnumerable<SegmentRow> rows, CancellationToken cancellationToken) =>
        LoadAsync(request, ReportKind.Segments, _segmentLayout.Value, rows, cancellationToken);

    public Task<LoadResult> LoadAsync(BatchRequest request, IAsyncEnumerable<AgentStatsRow> rows, CancellationToken cancellationToken) =>
        LoadAsync(request, ReportKind.AgentStats, AgentStatsStaging.Layout, rows, cancellationToken);

    public async Task<IReadOnlyList<LoadBatchRecord>> GetBatchesAsync(string? sourceId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(_dialect, connection, null, _dialect.Sql.SelectBatches, ("@sub_account_id", sourceId), ("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var batches = new List<LoadBatchRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            batches.Add(ReadBatch(reader));
        }

        return batches;
    }

    /// <summary>One etl.load_batch row, in the column order every batch query selects.</summary>
    private LoadBatchRecord ReadBatch(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        NullableUtc(reader, 3),
        NullableUtc(reader, 4),
        NullableString(reader, 5),
        NullableString(reader, 6),
        reader.IsDBNull(7) ? null : reader.GetInt64(7),
        reader.IsDBNull(8) ? null : reader.GetInt64(8),
        reader.GetString(9),
        NullableString(reader, 10),
        _dialect.ReadUtc(reader, 11),
        NullableUtc(reader, 12));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private DateTime? NullableUtc(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : _dialect.ReadUtc(reader, ordinal);

    private async Task<LoadResult> LoadAsync<TRow>(BatchRequest request, ReportKind report, StageLayout<TRow> layout, IAsyncEnumerable<TRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rows);
        Validate(request, report);

        // A batch that fails on a transient error (deadlock victim, lock timeout, throttling) is recorded failed like any
        // other, and the same rows are loaded again as a new batch, a bounded number of times (TransientRetry).
        return await _transientRetry.ExecuteAsync(
            async token => await LoadOnceAsync(request, report, layout, rows, token),
            cancellationToken);
    }

    private async Task<LoadResult> LoadOnceAsync<TRow>(BatchRequest request, ReportKind report, StageLayout<TRow> layout, IAsyncEnumerable<TRow> rows, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        var (loadBatchId, sourceKey) = await BeginBatchAsync(connection, request, cancellationToken);
        var tracker = new RowTracker<TRow>(rows, layout, request.Window);
        try
        {
            var result = await StageAndPublishAsync(connection, request, loadBatchId, sourceKey, layout, tracker, cancellationToken);
            _logger.LogInformation(
                "Published batch {LoadBatchId} ({Report}, source {SourceId}, window {Window}): {RowsRead} rows read, {RowsLoaded} loaded in {ElapsedMs} ms",
                loadBatchId, report.ToName(), request.SourceId, result.Window, result.RowsRead, result.RowsLoaded, stopwatch.ElapsedMilliseconds);
            RcWarehouseMetrics.RecordBatch(request.SourceId, report.ToName(), RcWarehouseMetrics.Succeeded, RcWarehouseMetrics.LoadStage, result.RowsLoaded);
            return result;
        }
        catch (InvalidDataException ex) when (request.LandedFile is { } file && BatchRowErrors.IsRefusal(ex))
        {
            // A row the warehouse refused (outside the window, a repeated grain): name the file, as parser errors do.
            var named = new InvalidDataException($"{file}: {ex.Message}", ex);
            await RecordFailureAsync(loadBatchId, tracker.RowsRead, named);
            RcWarehouseMetrics.RecordBatch(request.SourceId, report.ToName(), RcWarehouseMetrics.Failed, RcWarehouseMetrics.LoadStage, 0);
            throw named;
        }
        catch (Exception ex)
        {
            await RecordFailureAsync(loadBatchId, tracker.RowsRead, ex);
            RcWarehouseMetrics.RecordBatch(request.SourceId, report.ToName(), RcWarehouseMetrics.Failed, RcWarehouseMetrics.LoadStage, 0);
            throw;
        }
    }

    private static void Validate(BatchRequest request, ReportKind report)
    {
        if (request.Report != report)
        {
            throw new ArgumentException($"The batch is for report {request.Report.ToName()} but the rows are {report.ToName()} rows.", nameof(request));
        }

        if (string.IsNullOrWhiteSpace(request.SourceId))
        {
            throw new ArgumentException("The batch needs a source (the RingCX sub-account id).", nameof(request));
        }

        // Publishing replaces whole slots: a window that cut a slot would delete rows it does not carry.
        if (request.Window is { } window && (!IntervalKey.IsSlotStart(window.StartUtc) || !IntervalKey.IsSlotStart(window.EndUtc)))
        {
            throw new ArgumentException($"The batch window {window} is not aligned to {IntervalKey.SlotMinutes}-minute slots.", nameof(request));
        }
    }

    private async Task<(long LoadBatchId, int SourceKey)> BeginBatchAsync(DbConnection connection, BatchRequest request, CancellationToken cancellationToken)
    {
        await using var transaction = await _dialect.BeginTransactionAsync(connection, cancellationToken);
        await using var command = DbCommands.Create(
            _dialect,
            connection,
            transaction,
            _dialect.Sql.BeginBatch,
            ("@sub_account_id", request.SourceId),
            ("@source_name", string.IsNullOrWhiteSpace(request.SourceName) ? null : request.SourceName),
            ("@report", request.Report.ToName()),
            ("@window_start_utc", request.Window?.StartUtc),
            ("@window_end_utc", request.Window?.EndUtc),
            ("@landed_file", request.LandedFile),
            ("@sha256", request.Sha256),
            ("@started_utc", Now()));
        long loadBatchId;
        int sourceKey;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("Recording the load batch returned no id.");
            }

            // source_key is an int column: bound as int, it compares without conversion on SQL Server.
            loadBatchId = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            sourceKey = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        await ClaimBatchAsync(connection, transaction, loadBatchId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (loadBatchId, sourceKey);
    }

    // Steps 2 to 6 of the publish protocol (the type's summary; sql/README.md, "Publish protocol").
    private async Task<LoadResult> StageAndPublishAsync<TRow>(
        DbConnection connection,
        BatchRequest request,
        long loadBatchId,
        int sourceKey,
        StageLayout<TRow> layout,
        RowTracker<TRow> tracker,
        CancellationToken cancellationToken)
    {
        var sql = _dialect.Sql;
        var reportSql = sql.For(request.Report);
        DbTransaction? transaction = null;
        try
        {
            // 2. Stage: the rows into the batch's private stage, then its unique grain index, which refuses a repeat.
            if (_dialect.StagesInPublishTransaction)
            {
                transaction = await _dialect.BeginLoadTransactionAsync(connection, request.Report, cancellationToken);
            }

            await _dialect.StageAsync(connection, transaction, reportSql.Stage, layout, new StageTarget(loadBatchId, sourceKey, _calendar, request.Window), tracker, cancellationToken);
            await IndexStageAsync(connection, transaction, reportSql.Stage, loadBatchId, cancellationToken);

            // 3. Count: every row read must be staged before anything is replaced, or the publish would be half a batch.
            await EnsureAllStagedAsync(connection, transaction, reportSql.Stage.Count, loadBatchId, tracker.RowsRead, cancellationToken);

            var window = request.Window ?? tracker.DerivedWindow;
            long fromKey = 0;
            long toKey = 0;
            if (window is { } covered)
            {
                fromKey = IntervalKey.FromUtc(covered.StartUtc);
                toKey = IntervalKey.FromUtc(covered.EndUtc);
            }

            // 4. Calendar: every slot a fact will point at must exist: the covered slots plus, for segments, any slot a
            // carried segment from before or after the window sits in. On SQL Server this commits on its own, before the publish.
            if (Span(window, tracker.DerivedWindow) is { } touched)
            {
                await _dialect.InsertIntervalsAsync(connection, transaction, _calendar, touched, cancellationToken);
            }

            // 5. Publish, in one transaction: the applocks, then the report's statements (members, keys, replace the covered slots).
            transaction ??= await _dialect.BeginLoadTransactionAsync(connection, request.Report, cancellationToken);
            await AcquirePublishLocksAsync(connection, transaction, request.SourceId, request.Report.ToName(), DimensionsLockMode.Shared, cancellationToken);
            (string, object?)[] publishParameters =
                [("@load_batch_id", loadBatchId), ("@source_key", sourceKey), ("@from_key", fromKey), ("@to_key", toKey)];
            foreach (var statement in reportSql.Publish)
            {
                var affected = await DbCommands.ExecuteAsync(_dialect, connection, transaction, statement, publishParameters, cancellationToken);
                _logger.LogDebug("Batch {LoadBatchId}: {Statement} affected {Rows} rows", loadBatchId, statement.Name, affected);
            }

            // 6. Finish, in the same transaction: drop the stage, mark the batch succeeded only if it is still running,
            // advance the watermark, commit. Every staged row is now in the fact, either inserted or already there unchanged.
            await DbCommands.ExecuteAsync(_dialect, connection, transaction, reportSql.ClearStage, [("@load_batch_id", loadBatchId)], cancellationToken);
            var rowsLoaded = tracker.RowsRead;
            var now = Now();
            await FinishBatchAsync(
                connection,
                transaction,
                loadBatchId,
                [
                    ("@load_batch_id", loadBatchId), ("@rows_read", tracker.RowsRead), ("@rows_loaded", rowsLoaded),
                    ("@window_start_utc", window?.StartUtc), ("@window_end_utc", window?.EndUtc), ("@finished_utc", now),
                ],
                cancellationToken);

            if (window is { } published && LoadedThrough(published, request.SettledUntilUtc) is { } loadedThrough)
            {
                await DbCommands.ExecuteAsync(
                    _dialect,
                    connection,
                    transaction,
                    sql.AdvanceWatermark,
                    [("@source_key", sourceKey), ("@report", request.Report.ToName()), ("@loaded_through_utc", loadedThrough), ("@now_utc", now)],
                    cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return new LoadResult(loadBatchId, tracker.RowsRead, rowsLoaded, window);
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Builds the stage's UNIQUE grain index (one sort, after the rows are in). When it fails on a repeated grain, the
    /// duplicate check names the repeated keys (ids and interval keys only) and the batch is refused with that; the
    /// engine's own message is not passed on, since SQL Server's quotes the key's values.
    /// </summary>
    private async Task IndexStageAsync(DbConnection connection, DbTransaction? transaction, StageSql stage, long loadBatchId, CancellationToken cancellationToken)
    {
        if (stage.Index is not { } index)
        {
            return;
        }

        try
        {
            await DbCommands.ExecuteAsync(_dialect, connection, transaction, index, [], cancellationToken);
        }
        catch (DbException ex) when (_dialect.IsDuplicateKey(ex) && stage.DuplicateCheck is { } duplicateCheck)
        {
            await using var command = DbCommands.Create(_dialect, connection, transaction, duplicateCheck, ("@load_batch_id", loadBatchId));
            throw DuplicateKeys.Refusal(await DuplicateKeys.ReadAsync(command, cancellationToken));
        }
    }

    private async Task EnsureAllStagedAsync(DbConnection connection, DbTransaction? transaction, NamedSql count, long loadBatchId, long rowsRead, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(_dialect, connection, transaction, count);
        var staged = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (staged != rowsRead)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"Batch {loadBatchId} read {rowsRead} rows but staged {staged}; nothing was published."));
        }
    }

    /// <summary>
    /// Marks the batch succeeded, inside the publish transaction, and only if it is still running: a batch the stale
    /// sweeper (or anyone) has meanwhile marked failed must not be recorded as published, so the publish rolls back.
    /// </summary>
    private async Task FinishBatchAsync(DbConnection connection, DbTransaction transaction, long loadBatchId, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        var finished = await DbCommands.ExecuteAsync(_dialect, connection, transaction, _dialect.Sql.FinishBatch, parameters, cancellationToken);
        if (finished != 1)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"Batch {loadBatchId} is no longer running (it was marked finished elsewhere, {finished} rows matched); its publish is rolled back."));
        }
    }

    /// <summary>
    /// The applocks of a publish, always in this order (sql/README.md, "SQL Server: locks and waits"): the (source, report) lock
    /// exclusively, then the source's dimensions lock, Shared for report publishes (they may run side by side) and
    /// Exclusive for the reference load (which rewrites dimension rows the publishes read and infer). Both are owned by
    /// the transaction and end with it. No-op where the transaction already excludes every other writer (SQLite).
    /// </summary>
    private async Task AcquirePublishLocksAsync(DbConnection connection, DbTransaction transaction, string sourceId, string report, DimensionsLockMode dimensions, CancellationToken cancellationToken)
    {
        if (_dialect.Sql.AcquirePublishLock is not { } acquire)
        {
            return;
        }

        await DbCommands.ExecuteAsync(
            _dialect, connection, transaction, acquire,
            [("@resource", LockResource($"rcwarehouse/publish/{sourceId}/{report}")), ("@lock_mode", "Exclusive"), ("@lock_timeout_ms", _publishLockTimeoutMs)],
            cancellationToken);
        await DbCommands.ExecuteAsync(
            _dialect, connection, transaction, acquire,
            [("@resource", LockResource($"rcwarehouse/dimensions/{sourceId}")), ("@lock_mode", dimensions.ToString()), ("@lock_timeout_ms", _publishLockTimeoutMs)],
            cancellationToken);
    }

    // The error is stored bounded (one line, ErrorText.MaxMessageLength): a message quoting a huge value must not
    // become a huge load_batch.error that every later status query reads back.
    /// <summary>What etl.load_batch.error says: one bounded line; a stop says it was one, not "A task was canceled".</summary>
    private static string FailureText(Exception failure) => failure is OperationCanceledException
        ? "cancelled: stopped before it published (Ctrl+C, SIGTERM or the service stopping); nothing of it was loaded, and rerun --failed or the next scheduled run loads the window again"
        : Core.Errors.ErrorText.Bound(failure.Message);

    private async Task RecordFailureAsync(long loadBatchId, long rowsRead, Exception failure)
    {
        // The caller's token may be the reason for the failure; the record must still be written, within a bound.
        using var timeout = new CancellationTokenSource(FailureRecordTimeout);
        try
        {
            await using var connection = await _dialect.OpenAsync(timeout.Token);
            await using var transaction = await _dialect.BeginTransactionAsync(connection, timeout.Token);
            await DbCommands.ExecuteAsync(
                _dialect,
                connection,
                transaction,
                _dialect.Sql.FailBatch,
                [("@load_batch_id", loadBatchId), ("@rows_read", rowsRead), ("@error", FailureText(failure)), ("@finished_utc", Now())],
                timeout.Token);
            await transaction.CommitAsync(timeout.Token);
            // The exception goes on to the caller's boundary (command or job), which reports it once; here only the bookkeeping.
            _logger.LogInformation("Batch {LoadBatchId} recorded as failed after {RowsRead} rows; nothing was published", loadBatchId, rowsRead);
        }
        catch (Exception recordFailure) when (recordFailure is DbException or OperationCanceledException or InvalidOperationException)
        {
            // The original exception is what the caller must see; this one only explains a 'running' row left behind.
            _logger.LogError(recordFailure, "Batch {LoadBatchId} failed ({Error}) and the failure could not be recorded", loadBatchId, FailureText(failure));
        }
    }

    // The watermark says what is loaded AND settled: a window that runs into unsettled intervals moves it only to their start.
    private static DateTime? LoadedThrough(UtcWindow covered, DateTime? settledUntilUtc) =>
        settledUntilUtc is not { } settled || settled >= covered.EndUtc ? covered.EndUtc
        : settled > covered.StartUtc ? DateTime.SpecifyKind(settled, DateTimeKind.Utc)
        : null;

    private static UtcWindow? Span(UtcWindow? a, UtcWindow? b) => (a, b) switch
    {
        ({ } x, { } y) => new UtcWindow(x.StartUtc < y.StartUtc ? x.StartUtc : y.StartUtc, x.EndUtc > y.EndUtc ? x.EndUtc : y.EndUtc),
        ({ } x, null) => x,
        (null, { } y) => y,
        _ => null,
    };

    // sp_getapplock resources are at most 255 characters.
    private static string LockResource(string resource) => resource.Length <= 255 ? resource : resource[..255];

    private DateTime Now() => _time.GetUtcNow().UtcDateTime;
}
