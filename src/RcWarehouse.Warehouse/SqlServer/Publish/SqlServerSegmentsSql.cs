using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.SqlServer.Publish;

/// <summary>
/// The segments report's publish on SQL Server, into dw.fact_segment, dw.fact_segment_event and
/// dw.fact_segment_attribute, in the order it runs: the batch's private stage (and the replace's scope table), the
/// publish statements (inside the publish transaction, every one with @load_batch_id, @source_key, @from_key, @to_key),
/// the clear. A segment the batch carries identically is marked unchanged and kept with its events and attributes, so a
/// repeated load changes no row. Null-safe comparison is written <c>EXISTS (SELECT a INTERSECT SELECT b)</c>.
/// </summary>
internal static class SqlServerSegmentsSql
{
    public static ReportSql Sql { get; } = new(
        Stage: new StageSql(
            Table: "#stage_segment",
            // A #temp table of the loading session, a copy of stage.segment's columns (SELECT TOP (0) ... INTO keeps their
            // types, nullability and collations), then filled by SqlBulkCopy. #segment_scope holds the scope of the
            // replace (segments.scope), with the ids' binary collation spelled out: a #temp table's columns otherwise take
            // tempdb's default collation and could not be compared with dw.fact_segment's.
            Create: new("segments.create_stage", """
                DROP TABLE IF EXISTS #stage_segment;
                SELECT TOP (0) * INTO #stage_segment FROM stage.segment;
                DROP TABLE IF EXISTS #segment_scope;
                CREATE TABLE #segment_scope (
                    interaction_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
                    segment_id     nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
                    PRIMARY KEY CLUSTERED (interaction_id, segment_id)
                );
                """),
            // Built after the copy (one sort): the publish seeks it, and a repeated grain fails the build (error 1505).
            Index: new("segments.index_stage", """
                CREATE UNIQUE CLUSTERED INDEX ux_stage_grain ON #stage_segment (interaction_id, segment_id);
                """),
            DuplicateCheck: new("segments.duplicate_check", """
                SELECT TOP (5) interaction_id, segment_id, COUNT_BIG(*) AS copies
                FROM #stage_segment
                WHERE load_batch_id = @load_batch_id
                GROUP BY interaction_id, segment_id
                HAVING COUNT_BIG(*) > 1
                ORDER BY interaction_id, segment_id;
                """),
            Count: new("segments.count_stage", """
                SELECT COUNT_BIG(*) FROM #stage_segment;
                """)),
        Publish:
        [
            // UPDLOCK + HOLDLOCK: agents are shared by the reports of one source, whose publishers hold different applocks.
            new("segments.infer_agents", """
                INSERT INTO dw.dim_agent (source_key, agent_id, rc_user_id, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
                SELECT @source_key, s.agent_id, MAX(s.rc_user_id), 1, 1, CONVERT(datetime2(3), '1900-01-01T00:00:00.000', 126), CONVERT(datetime2(3), '9999-12-31T00:00:00.000', 126), 1
                FROM #stage_segment AS s
                WHERE s.load_batch_id = @load_batch_id
                  AND s.agent_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM dw.dim_agent AS d WITH (UPDLOCK, HOLDLOCK) WHERE d.source_key = @source_key AND d.agent_id = s.agent_id)
                GROUP BY s.agent_id
                ORDER BY s.agent_id;
                """),
            // The version valid at the segment's start; the newest wins should versions ever overlap.
            new("segments.resolve_keys", """
                UPDATE s
                SET s.agent_key = a.agent_key
                FROM #stage_segment AS s
                OUTER APPLY (SELECT TOP (1) d.agent_key FROM dw.dim_agent AS d WHERE d.source_key = @source_key AND d.agent_id = s.agent_id AND d.valid_from_utc <= s.segment_start_utc AND s.segment_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC) AS a
                WHERE s.load_batch_id = @load_batch_id;
                """),
            // Legacy segments name their agent by RingCentral user id only: they resolve to the agent version that
            // carried that user id when the segment started, and agent_id is filled from the version found.
            new("segments.resolve_by_rc_user_id", """
                UPDATE s
                SET s.agent_key = a.agent_key,
                    s.agent_id = a.agent_id
                FROM #stage_segment AS s
                CROSS APPLY (SELECT TOP (1) d.agent_key, d.agent_id FROM dw.dim_agent AS d WHERE d.source_key = @source_key AND d.rc_user_id = s.rc_user_id AND d.valid_from_utc <= s.segment_start_utc AND s.segment_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC, d.agent_key DESC) AS a
                WHERE s.load_batch_id = @load_batch_id
                  AND s.agent_id IS NULL
                  AND s.rc_user_id IS NOT NULL;
                """),
            // A segment the batch carries identically is marked unchanged and stays as published, with its events and
            // attributes. Texts compare byte for byte, as on SQLite: under the binary collation (the database's default
            // may ignore case) and by DATALENGTH (SQL Server's = and INTERSECT ignore trailing spaces), so a field that
            // only changed case or trailing spaces is replaced.
            new("segments.mark_unchanged", """
                UPDATE s
                SET s.is_unchanged = 1
                FROM #stage_segment AS s
                WHERE s.load_batch_id = @load_batch_id
                  AND EXISTS (
                      SELECT 1
                      FROM dw.fact_segment AS f
                      WHERE f.source_key = @source_key
                        AND f.interaction_id = s.interaction_id
                        AND f.segment_id = s.segment_id
                        AND EXISTS (
                            SELECT s.dialog_id COLLATE Latin1_General_100_BIN2, DATALENGTH(s.dialog_id),
                                   s.interval_key,
                                   s.agent_key,
                                   s.agent_id COLLATE Latin1_General_100_BIN2, DATALENGTH(s.agent_id),
                                   s.rc_user_id COLLATE Latin1_General_100_BIN2, DATALENGTH(s.rc_user_id),
                                   s.agent_group_id COLLATE Latin1_General_100_BIN2, DATALENGTH(s.agent_group_id),
                                   s.segment_type COLLATE Latin1_General_100_BIN2, DATALENGTH(s.segment_type),
                                   s.channel_type COLLATE Latin1_General_100_BIN2, DATALENGTH(s.channel_type),
                                   s.channel_class COLLATE Latin1_General_100_BIN2, DATALENGTH(s.channel_class),
                                   s.direction COLLATE Latin1_General_100_BIN2, DATALENGTH(s.direction),
                                   s.interaction_start_utc,
                                   s.interaction_duration_ms,
                                   s.segment_start_utc,
                                   s.segment_end_utc,
                                   s.segment_duration_ms,
                                   s.calling_address COLLATE Latin1_General_100_BIN2, DATALENGTH(s.calling_address),
                                   s.called_address COLLATE Latin1_General_100_BIN2, DATALENGTH(s.called_address),
                                   s.recording_url COLLATE Latin1_General_100_BIN2, DATALENGTH(s.recording_url),
                                   s.has_recording,
                                   s.has_transcript,
                                   s.system_disposition COLLATE Latin1_General_100_BIN2, DATALENGTH(s.system_disposition),
                                   s.agent_disposition COLLATE Latin1_General_100_BIN2, DATALENGTH(s.agent_disposition),
                                   s.agent_notes COLLATE Latin1_General_100_BIN2, DATALENGTH(s.agent_notes)
                            INTERSECT
                            SELECT f.dialog_id COLLATE Latin1_General_100_BIN2, DATALENGTH(f.dialog_id),
                                   f.interval_key,
                                   f.agent_key,
                                   f.agent_id COLLATE Latin1_General_100_BIN2, DATALENGTH(f.agent_id),
                                   f.rc_user_id COLLATE Latin1_General_100_BIN2, DATALENGTH(f.rc_user_id),
                                   f.agent_group_id COLLATE Latin1_General_100_BIN2, DATALENGTH(f.agent_group_id),
                                   f.segment_type COLLATE Latin1_General_100_BIN2, DATALENGTH(f.segment_type),
                                   f.channel_type COLLATE Latin1_General_100_BIN2, DATALENGTH(f.channel_type),
                                   f.channel_class COLLATE Latin1_General_100_BIN2, DATALENGTH(f.channel_class),
                                   f.direction COLLATE Latin1_General_100_BIN2, DATALENGTH(f.direction),
                                   f.interaction_start_utc,
                                   f.interaction_duration_ms,
                                   f.segment_start_utc,
                                   f.segment_end_utc,
                                   f.segment_duration_ms,
                                   f.calling_address COLLATE Latin1_General_100_BIN2, DATALENGTH(f.calling_address),
                                   f.called_address COLLATE Latin1_General_100_BIN2, DATALENGTH(f.called_address),
                                   f.recording_url COLLATE Latin1_General_100_BIN2, DATALENGTH(f.recording_url),
                                   f.has_recording,
                                   f.has_transcript,
                                   f.system_disposition COLLATE Latin1_General_100_BIN2, DATALENGTH(f.system_disposition),
                                   f.agent_disposition COLLATE Latin1_General_100_BIN2, DATALENGTH(f.agent_disposition),
                                   f.agent_notes COLLATE Latin1_General_100_BIN2, DATALENGTH(f.agent_notes)));
                """),
            // The published segments this batch replaces, computed once: those of the covered slots (a range of
            // IX_fact_segment_interval) and those the batch carries again wherever they were (a segment can move slot
            // between two pulls of overlapping windows; primary-key seeks from the stage). The deletes below join this
            // set instead of testing every segment of the source against an OR.
            new("segments.scope", """
                INSERT INTO #segment_scope (interaction_id, segment_id)
                SELECT f.interaction_id, f.segment_id
                FROM dw.fact_segment AS f
                WHERE f.source_key = @source_key
                  AND f.interval_key >= @from_key
                  AND f.interval_key < @to_key
                UNION
                SELECT f.interaction_id, f.segment_id
                FROM #stage_segment AS s
                INNER JOIN dw.fact_segment AS f
                    ON f.source_key = @source_key AND f.interaction_id = s.interaction_id AND f.segment_id = s.segment_id
                WHERE s.load_batch_id = @load_batch_id;
                """),
            // The JSON times are 'yyyy-MM-dd HH:mm:ss.fff' (see SegmentEventsJson); converting them with the explicit
            // ODBC canonical style 121 keeps the result independent of the session's language and DATEFORMAT. The event
            // type compares byte for byte, as in mark_unchanged.
            new("segments.delete_replaced_events", """
                DELETE e
                FROM dw.fact_segment_event AS e
                INNER JOIN #segment_scope AS k
                    ON e.source_key = @source_key AND e.interaction_id = k.interaction_id AND e.segment_id = k.segment_id
                WHERE NOT EXISTS (
                      SELECT 1
                      FROM #stage_segment AS s
                      CROSS APPLY OPENJSON(s.events_json)
                    WITH (
                        event_seq         int          '$.seq',
                        event_type        nvarchar(64) '$.type',
                        event_time        varchar(23)  '$.time',
                        client_event_time varchar(23)  '$.client_time'
                    ) AS r
                    CROSS APPLY (
                        SELECT r.event_seq,
                               r.event_type,
                               CONVERT(datetime2(3), r.event_time, 121) AS event_time_utc,
                               CONVERT(datetime2(3), r.client_event_time, 121) AS client_event_time_utc
                    ) AS j
                      WHERE s.load_batch_id = @load_batch_id
                        AND s.is_unchanged = 1
                        AND s.interaction_id = e.interaction_id
                        AND s.segment_id = e.segment_id
                        AND j.event_seq = e.event_seq
                        AND EXISTS (
                            SELECT j.event_type COLLATE Latin1_General_100_BIN2, DATALENGTH(j.event_type), j.event_time_utc, j.client_event_time_utc
                            INTERSECT
                            SELECT e.event_type COLLATE Latin1_General_100_BIN2, DATALENGTH(e.event_type), e.event_time_utc, e.client_event_time_utc));
                """),
            // The kept fields of a replaced segment are replaced with it; those the batch carries identically (same
            // segment, name and value, compared byte for byte) are left alone. Run between the events' delete and the
            // segments' delete, and after the segments' insert (the attributes refer to their segment). OPENJSON's
            // default schema gives the object's names in [key] and the texts in value. [key] is Latin1_General_BIN2, not
            // the table's Latin1_General_100_BIN2: two different column collations cannot be compared (error 468), so
            // each comparison names the table's collation (both compare code points, so the result is the same). SQL
            // Server's = ignores trailing spaces even under a binary collation, so the values' DATALENGTH is compared
            // too: a value that only gained or lost trailing spaces is replaced, as on SQLite.
            new("segments.delete_replaced_attributes", """
                DELETE a
                FROM dw.fact_segment_attribute AS a
                INNER JOIN #segment_scope AS k
                    ON a.source_key = @source_key AND a.interaction_id = k.interaction_id AND a.segment_id = k.segment_id
                WHERE NOT EXISTS (
                      SELECT 1
                      FROM #stage_segment AS s
                      CROSS APPLY OPENJSON(s.attributes_json) AS j
                      WHERE s.load_batch_id = @load_batch_id
                        AND s.is_unchanged = 1
                        AND s.interaction_id = a.interaction_id
                        AND s.segment_id = a.segment_id
                        AND j.[key] COLLATE Latin1_General_100_BIN2 = a.name
                        AND j.value = a.value COLLATE Latin1_General_100_BIN2
                        AND DATALENGTH(j.value) = DATALENGTH(a.value));
                """),
            new("segments.delete_replaced_segments", """
                DELETE f
                FROM dw.fact_segment AS f
                INNER JOIN #segment_scope AS k
                    ON f.source_key = @source_key AND f.interaction_id = k.interaction_id AND f.segment_id = k.segment_id
                WHERE NOT EXISTS (
                      SELECT 1
                      FROM #stage_segment AS s
                      WHERE s.load_batch_id = @load_batch_id
                        AND s.is_unchanged = 1
                        AND s.interaction_id = f.interaction_id
                        AND s.segment_id = f.segment_id);
                """),
            new("segments.insert_new_segments", """
                INSERT INTO dw.fact_segment (source_key, interaction_id, segment_id, dialog_id, interval_key, agent_key, agent_id, rc_user_id, agent_group_id, segment_type, channel_type, channel_class, direction, interaction_start_utc, interaction_duration_ms, segment_start_utc, segment_end_utc, segment_duration_ms, calling_address, called_address, recording_url, has_recording, has_transcript, system_disposition, agent_disposition, agent_notes, load_batch_id)
                SELECT @source_key, s.interaction_id, s.segment_id, s.dialog_id, s.interval_key, s.agent_key, s.agent_id, s.rc_user_id, s.agent_group_id, s.segment_type, s.channel_type, s.channel_class, s.direction, s.interaction_start_utc, s.interaction_duration_ms, s.segment_start_utc, s.segment_end_utc, s.segment_duration_ms, s.calling_address, s.called_address, s.recording_url, s.has_recording, s.has_transcript, s.system_disposition, s.agent_disposition, s.agent_notes, @load_batch_id
                FROM #stage_segment AS s
                WHERE s.load_batch_id = @load_batch_id
                  AND s.is_unchanged IS NULL;
                """),
            // The event times converted with style 121, as in delete_replaced_events.
            new("segments.insert_new_events", """
                INSERT INTO dw.fact_segment_event (source_key, interaction_id, segment_id, event_seq, event_type, event_time_utc, client_event_time_utc, load_batch_id)
                SELECT @source_key, s.interaction_id, s.segment_id, j.event_seq, j.event_type, j.event_time_utc, j.client_event_time_utc, @load_batch_id
                FROM #stage_segment AS s
                CROSS APPLY OPENJSON(s.events_json)
                    WITH (
                        event_seq         int          '$.seq',
                        event_type        nvarchar(64) '$.type',
                        event_time        varchar(23)  '$.time',
                        client_event_time varchar(23)  '$.client_time'
                    ) AS r
                    CROSS APPLY (
                        SELECT r.event_seq,
                               r.event_type,
                               CONVERT(datetime2(3), r.event_time, 121) AS event_time_utc,
                               CONVERT(datetime2(3), r.client_event_time, 121) AS client_event_time_utc
                    ) AS j
                WHERE s.load_batch_id = @load_batch_id
                  AND NOT EXISTS (
                      SELECT 1
                      FROM dw.fact_segment_event AS e
                      WHERE e.source_key = @source_key
                        AND e.interaction_id = s.interaction_id
                        AND e.segment_id = s.segment_id
                        AND e.event_seq = j.event_seq);
                """),
            new("segments.insert_new_attributes", """
                INSERT INTO dw.fact_segment_attribute (source_key, interaction_id, segment_id, name, value, load_batch_id)
                SELECT @source_key, s.interaction_id, s.segment_id, j.[key], j.value, @load_batch_id
                FROM #stage_segment AS s
                CROSS APPLY OPENJSON(s.attributes_json) AS j
                WHERE s.load_batch_id = @load_batch_id
                  AND NOT EXISTS (
                      SELECT 1
                      FROM dw.fact_segment_attribute AS a
                      WHERE a.source_key = @source_key
                        AND a.interaction_id = s.interaction_id
                        AND a.segment_id = s.segment_id
                        AND a.name = j.[key] COLLATE Latin1_General_100_BIN2);
                """),
        ],
        // The stage is the session's own: dropping it (inside the publish transaction) is all the clearing it needs.
        ClearStage: new("segments.clear_stage", """
            DROP TABLE #stage_segment;
            DROP TABLE #segment_scope;
            """));
}
