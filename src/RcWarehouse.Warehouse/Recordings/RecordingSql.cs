using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.Recordings;

/// <summary>The statements behind the recording and transcript archive (<see cref="WarehouseRecordings"/>), per engine.</summary>
internal sealed record RecordingSql
{
    /// <summary>Segments that ended before @ended_before_utc and still lack their audio or transcript (@max_attempts, @limit).</summary>
    public required NamedSql SelectPending { get; init; }

    /// <summary>Inserts the fact_recording row unless the segment has one; then the failure row is deleted.</summary>
    public required NamedSql InsertRecording { get; init; }

    public required NamedSql InsertTranscript { get; init; }

    public required NamedSql ClearFailure { get; init; }

    /// <summary>Counts one more failed attempt (inserting the row on the first).</summary>
    public required NamedSql RecordFailure { get; init; }

    public required NamedSql SelectFailures { get; init; }

    /// <summary>Recordings not pruned whose segment started before @cutoff_utc, with whether a newer row still needs the file.</summary>
    public required NamedSql SelectPruneCandidates { get; init; }

    public required NamedSql MarkPruned { get; init; }

    public IEnumerable<NamedSql> All() =>
        [SelectPending, InsertRecording, InsertTranscript, ClearFailure, RecordFailure, SelectFailures, SelectPruneCandidates, MarkPruned];
}
