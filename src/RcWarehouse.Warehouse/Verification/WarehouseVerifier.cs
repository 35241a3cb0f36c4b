using System.Data.Common;
using System.Globalization;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.Verification;

/// <summary>
/// The read-only queries behind <c>verify</c>: they compare what the reports say about the same calls and read the
/// batches that loaded them. Nothing here writes; the caller checks the schema is current first.
/// </summary>
public sealed class WarehouseVerifier
{
    private readonly IWarehouseDialect _dialect;
    private readonly VerifySql _sql;

    private WarehouseVerifier(IWarehouseDialect dialect)
    {
        _dialect = dialect;
        _sql = dialect.Sql.Verify;
    }

    /// <summary>The verifier of a warehouse <see cref="WarehouseFactory"/> created.</summary>
    public static WarehouseVerifier For(IWarehouse warehouse) =>
        warehouse is WarehouseEngine engine
            ? new WarehouseVerifier(engine.Dialect)
            : throw new ArgumentException($"{warehouse?.GetType().Name ?? "null"} cannot be verified.", nameof(warehouse));

    public Task<IReadOnlyList<VerifySource>> GetSourcesAsync(CancellationToken cancellationToken) =>
        ReadAsync(_sql.SelectSources, r => new VerifySource(Long(r, 0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)), cancellationToken);

    public Task<IReadOnlyList<ReportSpan>> GetReportSpansAsync(long sourceKey, CancellationToken cancellationToken) =>
        ReadAsync(
            _sql.SelectReportSpans,
            r => new ReportSpan(r.GetString(0), _dialect.ReadUtc(r, 1), r.IsDBNull(2) ? null : _dialect.ReadUtc(r, 2)),
            cancellationToken,
            ("@source_key", sourceKey));

    public Task<IReadOnlyList<BatchWindow>> GetBatchWindowsAsync(long sourceKey, UtcWindow within, CancellationToken cancellationToken) =>
        ReadAsync(
            _sql.SelectBatchWindows,
            r => new BatchWindow(r.GetString(0), Long(r, 1), _dialect.ReadUtc(r, 2), _dialect.ReadUtc(r, 3), _dialect.ReadUtc(r, 4)),
            cancellationToken,
            ("@source_key", sourceKey), ("@from_utc", within.StartUtc), ("@to_utc", within.EndUtc));

    public Task<IReadOnlyList<QueueIntervalDifference>> CompareQueueIntervalsAsync(long sourceKey, UtcWindow within, CancellationToken cancellationToken) =>
        ReadAsync(
            _sql.CompareQueueIntervals,
            r => new QueueIntervalDifference(
                IntervalKey.ToUtc(Long(r, 0)), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), Long(r, 3), Decimal(r, 4), Long(r, 5), Decimal(r, 6)),
            cancellationToken,
            ("@source_key", sourceKey), ("@from_key", IntervalKey.FromUtc(within.StartUtc)), ("@to_key", IntervalKey.FromUtc(within.EndUtc)));

    /// <summary>Segments that started before <paramref name="segmentsUntilUtc"/> are read (a call's legs start after the call).</summary>
    public Task<IReadOnlyList<SegmentIntervalDifference>> CompareSegmentIntervalsAsync(
        long sourceKey, UtcWindow within, DateTime segmentsUntilUtc, CancellationToken cancellationToken) =>
        ReadAsync(
            _sql.CompareSegmentIntervals,
            r => new SegmentIntervalDifference(IntervalKey.ToUtc(Long(r, 0)), Long(r, 1), Long(r, 2)),
            cancellationToken,
            ("@source_key", sourceKey),
            ("@from_key", IntervalKey.FromUtc(within.StartUtc)),
            ("@to_key", IntervalKey.FromUtc(within.EndUtc)),
            ("@segments_to_key", IntervalKey.FromUtc(IntervalKey.SlotStart(segmentsUntilUtc))));

    public Task<IReadOnlyList<AgentStatsDifference>> CompareAgentStatsIntervalsAsync(long sourceKey, UtcWindow within, CancellationToken cancellationToken) =>
        ReadAsync(
            _sql.CompareAgentStatsIntervals,
            r => new AgentStatsDifference(
                IntervalKey.ToUtc(Long(r, 0)), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), Long(r, 3) > 0,
                r.IsDBNull(4) ? null : Decimal(r, 4), r.IsDBNull(5) ? null : Decimal(r, 5), r.IsDBNull(6) ? null : Long(r, 6),
                Decimal(r, 7), Decimal(r, 8), Long(r, 9)),
            cancellationToken,
            ("@source_key", sourceKey), ("@from_key", IntervalKey.FromUtc(within.StartUtc)), ("@to_key", IntervalKey.FromUtc(within.EndUtc)));

    public Task<IReadOnlyList<InferredMemberFacts>> GetInferredFactsAsync(long sourceKey, UtcWindow within, CancellationToken cancellationToken) =>
        ReadAsync(
            _sql.SelectInferredFacts,
            r => new InferredMemberFacts(r.GetString(0), r.GetString(1), r.GetString(2), Long(r, 3), IntervalKey.ToUtc(Long(r, 4))),
            cancellationToken,
            ("@source_key", sourceKey), ("@from_key", IntervalKey.FromUtc(within.StartUtc)), ("@to_key", IntervalKey.FromUtc(within.EndUtc)));

    private async Task<IReadOnlyList<T>> ReadAsync<T>(
        NamedSql sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(_dialect, connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    // SQLite answers NUMERIC sums as INTEGER or REAL, SQL Server as decimal; durations are kept to the millisecond.
    private static decimal Decimal(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0m : Math.Round(Convert.ToDecimal(reader.GetValue(ordinal), CultureInfo.InvariantCulture), 3);
}
