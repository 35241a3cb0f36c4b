namespace RcWarehouse.Warehouse.Recordings;

/// <summary>
/// The recording archive's statements on SQL Server. Each write is one short transaction on one segment's rows; the
/// inserts hold a key-range lock on the segment (UPDLOCK, HOLDLOCK) so two archivers can never both insert it.
/// </summary>
internal static class SqlServerRecordingStatements
{
    public static RecordingSql Sql { get; } = new()
    {
        // Oldest first, so a backlog drains in the order the calls happened; a segment whose audio or transcript
        // failed @max_attempts times is left for the operator (status lists it). The lower bound
        // (@ended_after_utc: now - Recordings:LookBack, or recordings --from) keeps the read to a range of
        // ix_fact_segment_end (0010) instead of every segment ever published.
        SelectPending = new("recording_select_pending", """
            SELECT TOP (@limit)
                   s.source_key, d.sub_account_id, d.source_name, s.interaction_id, s.segment_id, s.dialog_id, s.recording_url,
                   s.segment_start_utc, s.segment_end_utc,
                   CASE WHEN s.has_recording = 1 AND r.segment_id IS NULL AND COALESCE(fa.attempts, 0) < @max_attempts THEN 1 ELSE 0 END AS needs_audio,
                   CASE WHEN s.has_transcript = 1 AND t.segment_id IS NULL AND COALESCE(ft.attempts, 0) < @max_attempts THEN 1 ELSE 0 END AS needs_transcript
            FROM dw.fact_segment AS s
            INNER JOIN dw.dim_source AS d ON d.source_key = s.source_key
            LEFT OUTER JOIN dw.fact_recording AS r
                ON r.source_key = s.source_key AND r.interaction_id = s.interaction_id AND r.segment_id = s.segment_id
            LEFT OUTER JOIN dw.fact_transcript AS t
                ON t.source_key = s.source_key AND t.interaction_id = s.interaction_id AND t.segment_id = s.segment_id
            LEFT OUTER JOIN etl.recording_failure AS fa
                ON fa.source_key = s.source_key AND fa.interaction_id = s.interaction_id AND fa.segment_id = s.segment_id AND fa.artifact = 'audio'
            LEFT OUTER JOIN etl.recording_failure AS ft
                ON ft.source_key = s.source_key AND ft.interaction_id = s.interaction_id AND ft.segment_id = s.segment_id AND ft.artifact = 'transcript'
            WHERE s.segment_end_utc >= @ended_after_utc
              AND s.segment_end_utc <= @ended_before_utc
              AND ((s.has_recording = 1 AND r.segment_id IS NULL AND COALESCE(fa.attempts, 0) < @max_attempts)
                OR (s.has_transcript = 1 AND t.segment_id IS NULL AND COALESCE(ft.attempts, 0) < @max_attempts))
            ORDER BY s.segment_end_utc, s.source_key, s.interaction_id, s.segment_id;
            """),
        // The same for one sub-account (recordings --source, sync --source): filtered here, before the limit, so
        // one source's backlog is not crowded out by the others'. A separate statement rather than a catch-all
        // "@sub_account_id IS NULL OR ..." predicate, so each keeps a plan that fits it.
        SelectPendingForSubAccount = new("recording_select_pending_sub_account", """
            SELECT TOP (@limit)
                   s.source_key, d.sub_account_id, d.source_name, s.interaction_id, s.segment_id, s.dialog_id, s.recording_url,
                   s.segment_start_utc, s.segment_end_utc,
                   CASE WHEN s.has_recording = 1 AND r.segment_id IS NULL AND COALESCE(fa.attempts, 0) < @max_attempts THEN 1 ELSE 0 END AS needs_audio,
                   CASE WHEN s.has_transcript = 1 AND t.segment_id IS NULL AND COALESCE(ft.attempts, 0) < @max_attempts THEN 1 ELSE 0 END AS needs_transcript
            FROM dw.fact_segment AS s
            INNER JOIN dw.dim_source AS d ON d.source_key = s.source_key
            LEFT OUTER JOIN dw.fact_recording AS r
                ON r.source_key = s.source_key AND r.interaction_id = s.interaction_id AND r.segment_id = s.segment_id
            LEFT OUTER JOIN dw.fact_transcript AS t
                ON t.source_key = s.source_key AND t.interaction_id = s.interaction_id AND t.segment_id = s.segment_id
            LEFT OUTER JOIN etl.recording_failure AS fa
                ON fa.source_key = s.source_key AND fa.interaction_id = s.interaction_id AND fa.segment_id = s.segment_id AND fa.artifact = 'audio'
            LEFT OUTER JOIN etl.recording_failure AS ft
                ON ft.source_key = s.source_key AND ft.interaction_id = s.interaction_id AND ft.segment_id = s.segment_id AND ft.artifact = 'transcript'
            WHERE d.sub_account_id = @sub_account_id
              AND s.segment_end_utc >= @ended_after_utc
              AND s.segment_end_utc <= @ended_before_utc
              AND ((s.has_recording = 1 AND r.segment_id IS NULL AND COALESCE(fa.attempts, 0) < @max_attempts)
                OR (s.has_transcript = 1 AND t.segment_id IS NULL AND COALESCE(ft.attempts, 0) < @max_attempts))
            ORDER BY s.segment_end_utc, s.source_key, s.interaction_id, s.segment_id;
            """),
        InsertRecording = new("recording_insert", """
            INSERT INTO dw.fact_recording (
                source_key, interaction_id, segment_id, dialog_id, segment_start_utc, file_path, sha256, byte_count,
                duration_ms, sample_rate_hz, channel_count, content_type, fetched_utc, pruned_utc)
            SELECT @source_key, @interaction_id, @segment_id, @dialog_id, @segment_start_utc, @file_path, @sha256, @byte_count,
                   @duration_ms, @sample_rate_hz, @channel_count, @content_type, @fetched_utc, NULL
            WHERE NOT EXISTS (
                SELECT 1
                FROM dw.fact_recording WITH (UPDLOCK, HOLDLOCK)
                WHERE source_key = @source_key
                  AND interaction_id = @interaction_id
                  AND segment_id = @segment_id);
            """),
        InsertTranscript = new("transcript_insert", """
            INSERT INTO dw.fact_transcript (
                source_key, interaction_id, segment_id, file_path, sha256, byte_count, content_type, transcript_text, fetched_utc)
            SELECT @source_key, @interaction_id, @segment_id, @file_path, @sha256, @byte_count, @content_type, @transcript_text, @fetched_utc
            WHERE NOT EXISTS (
                SELECT 1
                FROM dw.fact_transcript WITH (UPDLOCK, HOLDLOCK)
                WHERE source_key = @source_key
                  AND interaction_id = @interaction_id
                  AND segment_id = @segment_id);
            """),
        ClearFailure = new("recording_clear_failure", """
            DELETE FROM etl.recording_failure
            WHERE source_key = @source_key
              AND interaction_id = @interaction_id
              AND segment_id = @segment_id
              AND artifact = @artifact;
            """),
        RecordFailure = new("recording_record_failure", """
            UPDATE etl.recording_failure WITH (UPDLOCK, HOLDLOCK)
            SET attempts = attempts + 1,
                error = @error,
                last_failed_utc = @failed_utc
            WHERE source_key = @source_key
              AND interaction_id = @interaction_id
              AND segment_id = @segment_id
              AND artifact = @artifact;

            IF @@ROWCOUNT = 0
                INSERT INTO etl.recording_failure (source_key, interaction_id, segment_id, artifact, attempts, error, first_failed_utc, last_failed_utc)
                VALUES (@source_key, @interaction_id, @segment_id, @artifact, 1, @error, @failed_utc, @failed_utc);
            """),
        SelectFailures = new("recording_select_failures", """
            SELECT TOP (@limit)
                   d.sub_account_id, d.source_name, f.interaction_id, f.segment_id, f.artifact, f.attempts, f.error,
                   f.first_failed_utc, f.last_failed_utc
            FROM etl.recording_failure AS f
            INNER JOIN dw.dim_source AS d ON d.source_key = f.source_key
            ORDER BY f.last_failed_utc DESC, f.source_key, f.interaction_id, f.segment_id, f.artifact;
            """),
        CountFailures = new("recording_count_failures", """
            SELECT COUNT(*) AS failing,
                   COALESCE(SUM(CASE WHEN f.attempts >= @max_attempts THEN 1 ELSE 0 END), 0) AS given_up
            FROM etl.recording_failure AS f;
            """),
        SelectPruneCandidates = new("recording_select_prune_candidates", """
            SELECT r.source_key, r.interaction_id, r.segment_id, r.file_path, r.sha256,
                   CASE WHEN EXISTS (
                       SELECT 1
                       FROM dw.fact_recording AS other
                       WHERE other.sha256 = r.sha256
                         AND other.pruned_utc IS NULL
                         AND other.segment_start_utc >= @cutoff_utc) THEN 1 ELSE 0 END AS file_still_needed
            FROM dw.fact_recording AS r
            WHERE r.pruned_utc IS NULL
              AND r.segment_start_utc < @cutoff_utc
            ORDER BY r.segment_start_utc, r.source_key, r.interaction_id, r.segment_id;
            """),
        MarkPruned = new("recording_mark_pruned", """
            UPDATE dw.fact_recording
            SET pruned_utc = @pruned_utc
            WHERE source_key = @source_key
              AND interaction_id = @interaction_id
              AND segment_id = @segment_id
              AND pruned_utc IS NULL;
            """),
    };
}
