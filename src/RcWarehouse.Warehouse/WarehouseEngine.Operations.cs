using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Telemetry;
using RcWarehouse.Warehouse.Operations;
using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse;

/// <summary>The operations queries: status, failed windows, loaded windows, and batches abandoned by dead processes.</summary>
internal sealed partial class WarehouseEngine : IOperationsWarehouse
{
    public async Task<IReadOnlyList<AbandonedBatch>> AbandonDeadBatchesAsync(TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(staleAfter, TimeSpan.Zero);
        var sql = _dialect.Sql.Operations;
        var now = Now();
        var candidates = new List<AbandonedBatch>();
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using (var command = DbCommands.Create(_dialect, connection, null, sql.SelectRunningBatches))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                var owner = NullableString(reader, 1);
                var started = _dialect.ReadUtc(reader, 2);
                if (BatchOwner.IsKnownDead(owner))
                {
                    candidates.Add(new AbandonedBatch(id, owner, started, $"abandoned: its process ({owner}) is no longer running"));
                }
                else if (now - started > staleAfter)
                {
                    candidates.Add(new AbandonedBatch(id, owner, started, string.Create(
                        CultureInfo.InvariantCulture, $"abandoned: still running {(now - started).TotalMinutes:0} minutes after it started (owner {owner ?? "unknown"})")));
                }
            }
        }

        var abandoned = new List<AbandonedBatch>(candidates.Count);
        foreach (var candidate in candidates)
        {
            await using var transaction = await _dialect.BeginTransactionAsync(connection, cancellationToken);
            await using var command = DbCommands.Create(
                _dialect, connection, transaction, sql.AbandonBatch, ("@load_batch_id", candidate.LoadBatchId), ("@error", candidate.Reason), ("@finished_utc", now));
            var marked = await command.ExecuteScalarAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (marked is not null and not DBNull)
            {
                _logger.LogWarning("Batch {LoadBatchId} (started {StartedUtc:O}) recorded as failed: {Reason}", candidate.LoadBatchId, candidate.StartedUtc, candidate.Reason);
                abandoned.Add(candidate);
            }
        }

        return abandoned;
    }

    public async Task<IReadOnlyList<WatermarkRecord>> GetWatermarksAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(_dialect, connection, null, _dialect.Sql.Operations.SelectWatermarks);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var watermarks = new List<WatermarkRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            watermarks.Add(new WatermarkRecord(reader.GetString(0), NullableString(reader, 1), reader.GetString(2), _dialect.ReadUtc(reader, 3), _dialect.ReadUtc(reader, 4)));
        }

        return watermarks;
    }

    public async Task<IReadOnlyList<BatchSummary>> GetBatchSummariesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(_dialect, connection, null, _dialect.Sql.Operations.SelectBatchSummaries);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var summaries = new List<BatchSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            summaries.Add(new BatchSummary(
                reader.GetString(0),
                NullableString(reader, 1),
                reader.GetString(2),
                Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture),
                NullableUtc(reader, 6),
                NullableUtc(reader, 7)));
        }

        return summaries;
    }

    public async Task<IReadOnlyList<LoadBatchRecord>> GetOpenFailuresAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(_dialect, connection, null, _dialect.Sql.Operations.SelectOpenFailures);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var failures = new List<LoadBatchRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            failures.Add(ReadBatch(reader));
        }

        return failures;
    }

    public async Task<IReadOnlyList<UtcWindow>> GetLoadedWindowsAsync(string sourceId, ReportKind report, UtcWindow within, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceId);
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(
            _dialect,
            connection,
            null,
            _dialect.Sql.Operations.SelectLoadedWindows,
            ("@sub_account_id", sourceId),
            ("@report", report.ToName()),
            ("@from_utc", within.StartUtc),
            ("@to_utc", within.EndUtc));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var windows = new List<UtcWindow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            windows.Add(new UtcWindow(_dialect.ReadUtc(reader, 0), _dialect.ReadUtc(reader, 1)));
        }

        return windows;
    }

    public async Task<long> RecordFailedWindowAsync(FailedWindow failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentException.ThrowIfNullOrWhiteSpace(failure.SourceId);
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var transaction = await _dialect.BeginTransactionAsync(connection, cancellationToken);
        long id;
        await using (var command = DbCommands.Create(
            _dialect,
            connection,
            transaction,
            _dialect.Sql.Operations.RecordFailedWindow,
            ("@sub_account_id", failure.SourceId),
            ("@source_name", string.IsNullOrWhiteSpace(failure.SourceName) ? null : failure.SourceName),
            ("@report", failure.Report.ToName()),
            ("@window_start_utc", failure.Window.StartUtc),
            ("@window_end_utc", failure.Window.EndUtc),
            ("@landed_file", failure.LandedFile),
            ("@error", Core.Errors.ErrorText.Bound(failure.Error)),
            ("@started_utc", failure.StartedUtc),
            ("@finished_utc", Now())))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            id = await reader.ReadAsync(cancellationToken)
                ? Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture)
                : throw new InvalidOperationException("Recording the failed window returned no id.");
        }

        await transaction.CommitAsync(cancellationToken);
        RcWarehouseMetrics.RecordBatch(failure.SourceId, failure.Report.ToName(), RcWarehouseMetrics.Failed, RcWarehouseMetrics.ExtractStage, 0);
        _logger.LogWarning(
            "{Report} {Window} of source {SourceId} failed before anything was landed or loaded; recorded as failed batch {LoadBatchId}: {Error}",
            failure.Report.ToName(), failure.Window, failure.SourceId, id, failure.Error);
        return id;
    }

    public async Task<int> DismissFailureAsync(long loadBatchId, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if ((await GetOpenFailuresAsync(cancellationToken)).All(f => f.LoadBatchId != loadBatchId))
        {
            return 0;
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var transaction = await _dialect.BeginTransactionAsync(connection, cancellationToken);
        var dismissed = await DbCommands.ExecuteAsync(
            _dialect,
            connection,
            transaction,
            _dialect.Sql.Operations.DismissFailures,
            [("@load_batch_id", loadBatchId), ("@reason", reason), ("@dismissed_utc", Now())],
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _logger.LogWarning("Failed batch {LoadBatchId} dismissed ({Count} failed attempt(s) at its window): {Reason}", loadBatchId, dismissed, reason);
        return dismissed;
    }

    public async Task<IReadOnlyList<DismissedFailure>> GetDismissedFailuresAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(_dialect, connection, null, _dialect.Sql.Operations.SelectDismissedFailures);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var dismissed = new List<DismissedFailure>();
        while (await reader.ReadAsync(cancellationToken))
        {
            dismissed.Add(new DismissedFailure(ReadBatch(reader), reader.GetString(13), _dialect.ReadUtc(reader, 14)));
        }

        return dismissed;
    }

    /// <summary>Called inside the transaction that records a new batch, so no batch row ever exists without its owner.</summary>
    private async Task ClaimBatchAsync(DbConnection connection, DbTransaction transaction, long loadBatchId, CancellationToken cancellationToken) =>
        await DbCommands.ExecuteAsync(
            _dialect,
            connection,
            transaction,
            _dialect.Sql.Operations.ClaimBatch,
            [("@load_batch_id", loadBatchId), ("@owner", BatchOwner.CurrentOwner), ("@claimed_utc", Now())],
            cancellationToken);
}
