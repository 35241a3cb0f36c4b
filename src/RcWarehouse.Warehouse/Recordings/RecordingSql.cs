using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.Recordings;

/// <summary>The statements behind the recording and transcript archive (<see cref="WarehouseRecordings"/>), per engine.</summary>
internal sealed record RecordingSql
{
    /// <summary>
    /// Segments that ended between @ended_after_utc and @ended_before_utc and still lack their audio or transcript
    /// (@max_attempts, @limit), oldest first.
    /// </summary>
    public required NamedSql SelectPending { get; init; }

    /// <summary><see cref="SelectPending"/> of one sub-account (@sub_account_id), limited after that filter.</summary>
    public required NamedSql SelectPendingForSubAccount { get; init; }

    /// <summary>Inserts the fact_recording row unless the segment has one; then the failure row is deleted.</summary>
    public required NamedSql InsertRecording { get; init; }

    public required NamedSql InsertTranscript { get; init; }

    public required NamedSql ClearFailure { get; init; }

    /// <summary>Counts one more failed attempt (inserting the row on the first).</summary>
    public required NamedSql RecordFailure { get; init; }

    public required NamedSql SelectFailures { get; init; }

    /// <summary>How many failures there are, and how many of them reached @max_attempts (no longer tried).</summary>
    public required NamedSql CountFailures { get; init; }

    /// <summary>Recordings not pruned whose segment started before @cutoff_utc, with whether a newer row still needs the file.</summary>
    public required NamedSql SelectPruneCandidates { get; init; }

    public required NamedSql MarkPruned { get; init; }

    public IEnumerable<NamedSql> All() =>
        [SelectPending, SelectPendingForSubAccount, InsertRecording, InsertTranscript, ClearFailure, RecordFailure, SelectFailures, CountFailures, SelectPruneCandidates, MarkPruned];
}
