using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.Sqlite.Publish;

/// <summary>
/// Every statement of the segments publish on SQLite (fact_segment with its events and kept attributes). The report
/// stages first, into a TEMP copy of main.stage_segment (<see cref="SqliteStageWriter{TRow}"/>, with
/// <see cref="StageInsert"/>): its publish compares events and moves segments between slots, which set-based statements
/// over a stage do best. A segment the batch carries identically (with its events and attributes) is left alone, so a
/// repeated load changes no row; everything else of the batch's scope is replaced.
/// </summary>
internal static class SqliteSegmentsSql
{
    public static StageMembers Agents { get; } = new("temp.stage_segment_agents", "agent_id", "rc_user_id", "dim_agent", "agent_key")
    {
        Insert = "INSERT INTO temp.stage_segment_agents (agent_id, rc_user_id) VALUES (@id, @attribute);",
    };

    /// <summary>The multi-row INSERT of <paramref name="rows"/> staged rows, the columns in the staging layout's order.</summary>
    public static string StageInsert(int rows) => $"""
        INSERT INTO temp.stage_segment (load_batch_id, interaction_id, segment_id, dialog_id, interval_key, agent_id, rc_user_id, agent_group_id, segment_type, channel_type, channel_class, direction, interaction_start_utc, interaction_duration_ms, segment_start_utc, segment_end_utc, segment_duration_ms, calling_address, called_address, recording_url, has_recording, has_transcript, system_disposition, agent_disposition, agent_notes, events_json, attributes_json)
        VALUES {SqliteValueRows.Of(rows, columns: 26, "@load_batch_id, ")};
        """;

    public static ReportSql Sql { get; } = new(
        new StageSql(
            "temp.stage_segment",
            // The private stage: a TEMP copy of main.stage_segment (same columns, same affinities), created inside the load
            // transaction so a rollback removes it; the table the agents' versions are copied into; the distinct
            // (agent_id, rc_user_id) pairs the stager collects.
            new("segments.create_stage", """
                DROP TABLE IF EXISTS temp.stage_segment;
                CREATE TEMP TABLE stage_segment AS SELECT * FROM main.stage_segment WHERE 0;
                DROP TABLE IF EXISTS temp.stage_segment_agents_versions;
                CREATE TEMP TABLE stage_segment_agents_versions (agent_id TEXT NOT NULL, valid_from_utc TEXT NOT NULL, valid_to_utc TEXT NOT NULL, agent_key INTEGER NOT NULL, PRIMARY KEY (agent_id, valid_from_utc)) WITHOUT ROWID;
                DROP TABLE IF EXISTS temp.stage_segment_agents;
                CREATE TEMP TABLE stage_segment_agents (agent_id TEXT NOT NULL, rc_user_id TEXT NULL);
                DROP TABLE IF EXISTS temp.segment_scope;
                CREATE TEMP TABLE segment_scope (interaction_id TEXT NOT NULL, segment_id TEXT NOT NULL, PRIMARY KEY (interaction_id, segment_id)) WITHOUT ROWID;
                """),
            // Built once the rows are in (an index maintained while staging costs more than one sort), and UNIQUE: one
            // sort both indexes the stage and refuses a repeated grain, instead of a GROUP BY over the whole stage, which
            // (the duplicate check) runs only to name the repeated keys once the build has failed.
            new("segments.index_stage", """
                CREATE UNIQUE INDEX temp.ux_stage_segment_grain ON stage_segment (load_batch_id, interaction_id, segment_id);
                """),
            new("segments.duplicate_check", """
                SELECT interaction_id, segment_id, COUNT(*) AS copies
                FROM temp.stage_segment
                WHERE load_batch_id = @load_batch_id
                GROUP BY interaction_id, segment_id
                HAVING COUNT(*) > 1
                ORDER BY interaction_id, segment_id
                LIMIT 5;
                """),
            new("segments.count_stage", """
                SELECT COUNT(*) FROM temp.stage_segment;
                """)),
        [
            // The members come from the small member table the stager fills with the batch's distinct (id, attribute)
            // pairs, not from a pass over the stage: MAX over distinct pairs is MAX over the rows.
            new("segments.infer_agents", """
                INSERT INTO dim_agent (source_key, agent_id, rc_user_id, is_active, is_inferred, valid_from_utc, valid_to_utc, is_current)
                SELECT @source_key, s.agent_id, MAX(s.rc_user_id), 1, 1, '1900-01-01 00:00:00.000', '9999-12-31 00:00:00.000', 1
                FROM temp.stage_segment_agents AS s
                WHERE NOT EXISTS (SELECT 1 FROM dim_agent AS d WHERE d.source_key = @source_key AND d.agent_id = s.agent_id)
                GROUP BY s.agent_id
                ORDER BY s.agent_id;
                """),

            // The batch's agents' versions, copied once so the per-row lookup below searches a small index-only table
            // instead of the dimension (its rows, and the source's other members).
            new("segments.copy_agent_versions", """
                INSERT INTO temp.stage_segment_agents_versions (agent_id, valid_from_utc, valid_to_utc, agent_key)
                SELECT d.agent_id, d.valid_from_utc, d.valid_to_utc, d.agent_key
                FROM dim_agent AS d
                WHERE d.source_key = @source_key
                  AND d.agent_id IN (SELECT m.agent_id FROM temp.stage_segment_agents AS m);
                """),

            // The version valid at the segment's start; the newest wins should versions ever overlap. The versions table
            // holds every version of every agent the batch names (of this source), so this is the same lookup as in dim_agent.
            new("segments.resolve_keys", """
                UPDATE temp.stage_segment
                SET agent_key = (SELECT d.agent_key FROM temp.stage_segment_agents_versions AS d WHERE d.agent_id = temp.stage_segment.agent_id AND d.valid_from_utc <= temp.stage_segment.segment_start_utc AND temp.stage_segment.segment_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC LIMIT 1)
                WHERE load_batch_id = @load_batch_id;
                """),

            // A segment whose report named its agent only by RingCentral user id (legacy) resolves to the agent version
            // that carried that user id when the segment started (the reference load's reference_resolve_segment_agents
            // does the same for published segments).
            new("segments.resolve_by_rc_user_id", """
                UPDATE temp.stage_segment
                SET agent_key = (SELECT d.agent_key FROM dim_agent AS d WHERE d.source_key = @source_key AND d.rc_user_id = temp.stage_segment.rc_user_id AND d.valid_from_utc <= temp.stage_segment.segment_start_utc AND temp.stage_segment.segment_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC, d.agent_key DESC LIMIT 1),
                    agent_id = (SELECT d.agent_id FROM dim_agent AS d WHERE d.source_key = @source_key AND d.rc_user_id = temp.stage_segment.rc_user_id AND d.valid_from_utc <= temp.stage_segment.segment_start_utc AND temp.stage_segment.segment_start_utc < d.valid_to_utc ORDER BY d.valid_from_utc DESC, d.agent_key DESC LIMIT 1)
                WHERE load_batch_id = @load_batch_id
                  AND agent_id IS NULL
                  AND rc_user_id IS NOT NULL;
                """),

            // A segment the batch carries with every field identical is left alone with its identical events and
            // attributes (the deletes below keep what such a segment carries identically), so a repeated load changes no row.
            new("segments.mark_unchanged", """
                UPDATE temp.stage_segment
                SET is_unchanged = 1
                WHERE load_batch_id = @load_batch_id
                  AND EXISTS (
                      SELECT 1
                      FROM fact_segment AS f
                      WHERE f.source_key = @source_key
                        AND f.interaction_id = temp.stage_segment.interaction_id
                        AND f.segment_id = temp.stage_segment.segment_id
                        AND temp.stage_segment.dialog_id IS f.dialog_id
                        AND temp.stage_segment.interval_key IS f.interval_key
                        AND temp.stage_segment.agent_key IS f.agent_key
                        AND temp.stage_segment.agent_id IS f.agent_id
                        AND temp.stage_segment.rc_user_id IS f.rc_user_id
                        AND temp.stage_segment.agent_group_id IS f.agent_group_id
                        AND temp.stage_segment.segment_type IS f.segment_type
                        AND temp.stage_segment.channel_type IS f.channel_type
                        AND temp.stage_segment.channel_class IS f.channel_class
                        AND temp.stage_segment.direction IS f.direction
                        AND temp.stage_segment.interaction_start_utc IS f.interaction_start_utc
                        AND temp.stage_segment.interaction_duration_ms IS f.interaction_duration_ms
                        AND temp.stage_segment.segment_start_utc IS f.segment_start_utc
                        AND temp.stage_segment.segment_end_utc IS f.segment_end_utc
                        AND temp.stage_segment.segment_duration_ms IS f.segment_duration_ms
                        AND temp.stage_segment.calling_address IS f.calling_address
                        AND temp.stage_segment.called_address IS f.called_address
                        AND temp.stage_segment.recording_url IS f.recording_url
                        AND temp.stage_segment.has_recording IS f.has_recording
                        AND temp.stage_segment.has_transcript IS f.has_transcript
                        AND temp.stage_segment.system_disposition IS f.system_disposition
                        AND temp.stage_segment.agent_disposition IS f.agent_disposition
                        AND temp.stage_segment.agent_notes IS f.agent_notes);
                """),
            // The published segments this batch replaces, computed once: those of the covered slots (a range of
            // ix_fact_segment_interval) and those the batch carries again wherever they were (a segment can move slot
            // between two pulls of overlapping windows; primary-key seeks from the stage). The three deletes below look
            // their rows up by this set's keys, instead of testing every segment, event and attribute of the source.
            new("segments.scope", """
                INSERT INTO temp.segment_scope (interaction_id, segment_id)
                SELECT f.interaction_id, f.segment_id
                FROM fact_segment AS f
                WHERE f.source_key = @source_key
                  AND f.interval_key >= @from_key
                  AND f.interval_key < @to_key
                UNION
                SELECT f.interaction_id, f.segment_id
                FROM temp.stage_segment AS s
                JOIN fact_segment AS f
                  ON f.source_key = @source_key AND f.interaction_id = s.interaction_id AND f.segment_id = s.segment_id
                WHERE s.load_batch_id = @load_batch_id;
                """),
            new("segments.delete_replaced_events", """
                DELETE FROM fact_segment_event
                WHERE source_key = @source_key
                  AND (interaction_id, segment_id) IN (SELECT k.interaction_id, k.segment_id FROM temp.segment_scope AS k)
                  AND NOT EXISTS (
                      SELECT 1
                      FROM temp.stage_segment AS s, json_each(s.events_json) AS j
                      WHERE s.load_batch_id = @load_batch_id
                        AND s.is_unchanged = 1
                        AND s.interaction_id = fact_segment_event.interaction_id
                        AND s.segment_id = fact_segment_event.segment_id
                        AND json_extract(j.value, '$.seq') = fact_segment_event.event_seq
                        AND json_extract(j.value, '$.type') IS fact_segment_event.event_type
                        AND json_extract(j.value, '$.time') IS fact_segment_event.event_time_utc
                        AND json_extract(j.value, '$.client_time') IS fact_segment_event.client_event_time_utc);
                """),

            // The kept fields of a replaced segment are replaced with it; those the batch carries identically (same
            // segment, name and value) are left alone. Before the segments' delete: the attributes refer to their segment.
            new("segments.delete_replaced_attributes", """
                DELETE FROM fact_segment_attribute
                WHERE source_key = @source_key
                  AND (interaction_id, segment_id) IN (SELECT k.interaction_id, k.segment_id FROM temp.segment_scope AS k)
                  AND NOT EXISTS (
                      SELECT 1
                      FROM temp.stage_segment AS s, json_each(s.attributes_json) AS j
                      WHERE s.load_batch_id = @load_batch_id
                        AND s.is_unchanged = 1
                        AND s.interaction_id = fact_segment_attribute.interaction_id
                        AND s.segment_id = fact_segment_attribute.segment_id
                        AND j.key = fact_segment_attribute.name
                        AND j.value = fact_segment_attribute.value);
                """),
            new("segments.delete_replaced_segments", """
                DELETE FROM fact_segment
                WHERE source_key = @source_key
                  AND (interaction_id, segment_id) IN (SELECT k.interaction_id, k.segment_id FROM temp.segment_scope AS k)
                  AND NOT EXISTS (
                      SELECT 1
                      FROM temp.stage_segment AS s
                      WHERE s.load_batch_id = @load_batch_id
                        AND s.is_unchanged = 1
                        AND s.interaction_id = fact_segment.interaction_id
                        AND s.segment_id = fact_segment.segment_id);
                """),
            new("segments.insert_new_segments", """
                INSERT INTO fact_segment (source_key, interaction_id, segment_id, dialog_id, interval_key, agent_key, agent_id, rc_user_id, agent_group_id, segment_type, channel_type, channel_class, direction, interaction_start_utc, interaction_duration_ms, segment_start_utc, segment_end_utc, segment_duration_ms, calling_address, called_address, recording_url, has_recording, has_transcript, system_disposition, agent_disposition, agent_notes, load_batch_id)
                SELECT @source_key, s.interaction_id, s.segment_id, s.dialog_id, s.interval_key, s.agent_key, s.agent_id, s.rc_user_id, s.agent_group_id, s.segment_type, s.channel_type, s.channel_class, s.direction, s.interaction_start_utc, s.interaction_duration_ms, s.segment_start_utc, s.segment_end_utc, s.segment_duration_ms, s.calling_address, s.called_address, s.recording_url, s.has_recording, s.has_transcript, s.system_disposition, s.agent_disposition, s.agent_notes, @load_batch_id
                FROM temp.stage_segment AS s
                WHERE s.load_batch_id = @load_batch_id
                  AND s.is_unchanged IS NULL
                ORDER BY s.interaction_id, s.segment_id;
                """),
            new("segments.insert_new_events", """
                INSERT INTO fact_segment_event (source_key, interaction_id, segment_id, event_seq, event_type, event_time_utc, client_event_time_utc, load_batch_id)
                SELECT @source_key, s.interaction_id, s.segment_id, json_extract(j.value, '$.seq'), json_extract(j.value, '$.type'),
                       json_extract(j.value, '$.time'), json_extract(j.value, '$.client_time'), @load_batch_id
                FROM temp.stage_segment AS s, json_each(s.events_json) AS j
                WHERE s.load_batch_id = @load_batch_id
                  AND NOT EXISTS (
                      SELECT 1
                      FROM fact_segment_event AS e
                      WHERE e.source_key = @source_key
                        AND e.interaction_id = s.interaction_id
                        AND e.segment_id = s.segment_id
                        AND e.event_seq = json_extract(j.value, '$.seq'))
                ORDER BY s.interaction_id, s.segment_id, json_extract(j.value, '$.seq');
                """),

            // After the segments' insert: the attributes refer to their segment.
            new("segments.insert_new_attributes", """
                INSERT INTO fact_segment_attribute (source_key, interaction_id, segment_id, name, value, load_batch_id)
                SELECT @source_key, s.interaction_id, s.segment_id, j.key, j.value, @load_batch_id
                FROM temp.stage_segment AS s, json_each(s.attributes_json) AS j
                WHERE s.load_batch_id = @load_batch_id
                  AND NOT EXISTS (
                      SELECT 1
                      FROM fact_segment_attribute AS a
                      WHERE a.source_key = @source_key
                        AND a.interaction_id = s.interaction_id
                        AND a.segment_id = s.segment_id
                        AND a.name = j.key)
                ORDER BY s.interaction_id, s.segment_id, j.key;
                """),
        ],
        // The temp tables are the batch's alone; dropping them is the cheapest way to empty them.
        new("segments.clear_stage", """
            DROP TABLE temp.stage_segment;
            DROP TABLE temp.stage_segment_agents;
            DROP TABLE temp.stage_segment_agents_versions;
            DROP TABLE temp.segment_scope;
            """));
}
