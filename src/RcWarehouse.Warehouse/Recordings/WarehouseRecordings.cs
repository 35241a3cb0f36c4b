using System.Data.Common;
using RcWarehouse.Core.Errors;
using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.Recordings;

/// <summary>
/// The warehouse side of the recording archive: which segments still need their audio or transcript, the rows that
/// record what was landed, the failures, and retention. Every write is one short transaction on one segment.
/// </summary>
public sealed class WarehouseRecordings
{
    /// <summary>The longest error kept per failure (etl.recording_failure.error is nvarchar(2000)).</summary>
    public const int MaxErrorLength = 2000;

    /// <summary>
    /// The longest Content-Type kept (content_type is nvarchar(100) on SQL Server). The header comes from the server
    /// unbounded; a longer one (parameters appended) would fail the insert with a truncation error on SQL Server only,
    /// so both engines keep its first characters, the media type among them.
    /// </summary>
    public const int MaxContentTypeLength = 100;

    public const string Audio = "audio";
    public const string Transcript = "transcript";

    private readonly IWarehouseDialect _dialect;
    private readonly RecordingSql _sql;

    private WarehouseRecordings(IWarehouseDialect dialect)
    {
        _dialect = dialect;
        _sql = SqlFor(dialect.Provider);
    }

    /// <summary>The archive of a warehouse <see cref="WarehouseFactory"/> created (migrated to 0010 or later).</summary>
    public static WarehouseRecordings For(IWarehouse warehouse) =>
        warehouse is WarehouseEngine engine
            ? new WarehouseRecordings(engine.Dialect)
            : throw new ArgumentException($"{warehouse?.GetType().Name ?? "null"} does not keep recordings.", nameof(warehouse));

    internal static RecordingSql SqlFor(WarehouseProvider provider) => provider switch
    {
        WarehouseProvider.Sqlite => SqliteRecordingStatements.Sql,
        WarehouseProvider.SqlServer => SqlServerRecordingStatements.Sql,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>
    /// Up to limit segments, oldest first, that ended between endedAfterUtc and endedBeforeUtc and still lack their
    /// audio or transcript (that failed fewer than maxAttempts times). With a subAccountId, only that sub-account's
    /// segments (filtered before the limit); null for all.
    /// </summary>
    public async Task<IReadOnlyList<PendingSegment>> GetPendingAsync(
        string? subAccountId, DateTime endedAfterUtc, DateTime endedBeforeUtc, int maxAttempts, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = subAccountId is null
            ? DbCommands.Create(
                _dialect, connection, null, _sql.SelectPending,
                ("@ended_after_utc", endedAfterUtc), ("@ended_before_utc", endedBeforeUtc), ("@max_attempts", maxAttempts), ("@limit", limit))
            : DbCommands.Create(
                _dialect, connection, null, _sql.SelectPendingForSubAccount, ("@sub_account_id", subAccountId),
                ("@ended_after_utc", endedAfterUtc), ("@ended_before_utc", endedBeforeUtc), ("@max_attempts", maxAttempts), ("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pending = new List<PendingSegment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add(new PendingSegment(
                Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetString(1),
                Text(reader, 2),
                reader.GetString(3),
                reader.GetString(4),
                Text(reader, 5),
                Text(reader, 6),
                _dialect.ReadUtc(reader, 7),
                _dialect.ReadUtc(reader, 8),
                Convert.ToInt32(reader.GetValue(9), System.Globalization.CultureInfo.InvariantCulture) == 1,
                Convert.ToInt32(reader.GetValue(10), System.Globalization.CultureInfo.InvariantCulture) == 1));
        }

        return pending;
    }

    /// <summary>Records the landed audio (unless the segment already has a row) and closes its failure. True when inserted.</summary>
    public Task<bool> RecordAudioAsync(RecordingRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        return InsertAsync(_sql.InsertRecording, Audio, row.SourceKey, row.InteractionId, row.SegmentId,
        [
            ("@source_key", row.SourceKey), ("@interaction_id", row.InteractionId), ("@segment_id", row.SegmentId), ("@dialog_id", row.DialogId),
            ("@segment_start_utc", row.SegmentStartUtc), ("@file_path", row.FilePath), ("@sha256", row.Sha256), ("@byte_count", row.ByteCount),
            ("@duration_ms", row.DurationMs), ("@sample_rate_hz", row.SampleRateHz), ("@channel_count", row.ChannelCount),
            ("@content_type", BoundContentType(row.ContentType)), ("@fetched_utc", row.FetchedUtc),
        ], cancellationToken);
    }

    public Task<bool> RecordTranscriptAsync(TranscriptRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        return InsertAsync(_sql.InsertTranscript, Transcript, row.SourceKey, row.InteractionId, row.SegmentId,
        [
            ("@source_key", row.SourceKey), ("@interaction_id", row.InteractionId), ("@segment_id", row.SegmentId), ("@file_path", row.FilePath),
            ("@sha256", row.Sha256), ("@byte_count", row.ByteCount), ("@content_type", BoundContentType(row.ContentType)), ("@transcript_text", row.TranscriptText),
            ("@fetched_utc", row.FetchedUtc),
        ], cancellationToken);
    }

    /// <summary>Counts a failed attempt at a segment's <paramref name="artifact"/> (audio or transcript).</summary>
    public async Task RecordFailureAsync(long sourceKey, string interactionId, string segmentId, string artifact, string error, DateTime failedUtc, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var transaction = await _dialect.BeginTransactionAsync(connection, cancellationToken);
        await DbCommands.ExecuteAsync(_dialect, connection, transaction, _sql.RecordFailure,
        [
            ("@source_key", sourceKey), ("@interaction_id", interactionId), ("@segment_id", segmentId), ("@artifact", artifact),
            ("@error", ErrorText.Bound(error, MaxErrorLength)), ("@failed_utc", failedUtc),
        ], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RecordingFailureRecord>> GetFailuresAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(_dialect, connection, null, _sql.SelectFailures, ("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var failures = new List<RecordingFailureRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            failures.Add(new RecordingFailureRecord(
                reader.GetString(0), Text(reader, 1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                Convert.ToInt32(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(6),
                _dialect.ReadUtc(reader, 7), _dialect.ReadUtc(reader, 8)));
        }

        return failures;
    }

    /// <summary>Every failure on record, and how many reached <paramref name="maxAttempts"/> (counted in SQL, not from a list).</summary>
    public async Task<RecordingFailureCounts> CountFailuresAsync(int maxAttempts, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(_dialect, connection, null, _sql.CountFailures, ("@max_attempts", maxAttempts));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RecordingFailureCounts(
                Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture))
            : new RecordingFailureCounts(0, 0);
    }

    public async Task<IReadOnlyList<PruneCandidate>> GetPruneCandidatesAsync(DateTime cutoffUtc, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(_dialect, connection, null, _sql.SelectPruneCandidates, ("@cutoff_utc", cutoffUtc));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var candidates = new List<PruneCandidate>();
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add(new PruneCandidate(
                Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), Convert.ToInt32(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture) == 1));
        }

        return candidates;
    }

    /// <summary>Marks a recording's audio as removed; true when this call marked it (false: already marked).</summary>
    public async Task<bool> MarkPrunedAsync(PruneCandidate candidate, DateTime prunedUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var transaction = await _dialect.BeginTransactionAsync(connection, cancellationToken);
        var marked = await DbCommands.ExecuteAsync(_dialect, connection, transaction, _sql.MarkPruned,
        [
            ("@source_key", candidate.SourceKey), ("@interaction_id", candidate.InteractionId), ("@segment_id", candidate.SegmentId), ("@pruned_utc", prunedUtc),
        ], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return marked > 0;
    }

    private async Task<bool> InsertAsync(
        NamedSql insert, string artifact, long sourceKey, string interactionId, string segmentId, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var transaction = await _dialect.BeginTransactionAsync(connection, cancellationToken);
        var inserted = await DbCommands.ExecuteAsync(_dialect, connection, transaction, insert, parameters, cancellationToken);
        await DbCommands.ExecuteAsync(_dialect, connection, transaction, _sql.ClearFailure,
            [("@source_key", sourceKey), ("@interaction_id", interactionId), ("@segment_id", segmentId), ("@artifact", artifact)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return inserted > 0;
    }

    internal static string? BoundContentType(string? contentType) =>
        contentType is { Length: > MaxContentTypeLength } ? contentType[..MaxContentTypeLength] : contentType;

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
