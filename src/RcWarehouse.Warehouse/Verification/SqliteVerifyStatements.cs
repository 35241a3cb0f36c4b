namespace RcWarehouse.Warehouse.Verification;

/// <summary>The <c>verify</c> statements of the SQLite engine (part of <c>SqliteStatements.Catalog</c>).</summary>
internal static class SqliteVerifyStatements
{
    public static VerifySql Sql { get; } = new()
    {
        SelectSources = new("verify_select_sources", """
            SELECT source_key, sub_account_id, source_name
            FROM dim_source
            ORDER BY sub_account_id;
            """),
        SelectReportSpans = new("verify_select_report_spans", """
            SELECT b.report, MIN(b.window_start_utc) AS first_window_start_utc, MAX(w.loaded_through_utc) AS watermark_utc
            FROM load_batch AS b
            LEFT OUTER JOIN watermark AS w ON w.source_key = b.source_key AND w.report = b.report
            WHERE b.source_key = @source_key
              AND b.status = 'succeeded'
              AND b.report <> 'reference'
              AND b.window_start_utc IS NOT NULL
            GROUP BY b.report
            ORDER BY b.report;
            """),
        SelectBatchWindows = new("verify_select_batch_windows", """
            SELECT b.report, b.load_batch_id, b.window_start_utc, b.window_end_utc, b.started_utc
            FROM load_batch AS b
            WHERE b.source_key = @source_key
              AND b.status = 'succeeded'
              AND b.report <> 'reference'
              AND b.window_start_utc < @to_utc
              AND b.window_end_utc > @from_utc
            ORDER BY b.report, b.load_batch_id;
            """),
        CompareQueueIntervals = new("verify_compare_queue_intervals", """
            SELECT d.interval_key, q.queue_id, q.queue_name,
                   d.agent_answ_call_cnt, d.agent_talking_call_dur_sec, d.queue_answ_call_cnt, d.queue_talking_call_dur_sec
            FROM (
                SELECT x.interval_key, x.queue_key,
                       SUM(x.agent_answ_call_cnt) AS agent_answ_call_cnt,
                       SUM(x.agent_talking_call_dur_sec) AS agent_talking_call_dur_sec,
                       SUM(x.queue_answ_call_cnt) AS queue_answ_call_cnt,
                       SUM(x.queue_talking_call_dur_sec) AS queue_talking_call_dur_sec
                FROM (
                    SELECT f.interval_key, f.queue_key,
                           f.answ_call_cnt AS agent_answ_call_cnt, f.talking_call_dur_sec AS agent_talking_call_dur_sec,
                           0 AS queue_answ_call_cnt, 0 AS queue_talking_call_dur_sec
                    FROM fact_agent_queue_interval AS f
                    WHERE f.source_key = @source_key
                      AND f.interval_key >= @from_key
                      AND f.interval_key < @to_key
                    UNION ALL
                    SELECT f.interval_key, f.queue_key, 0, 0, f.answ_call_cnt, f.talking_call_dur_sec
                    FROM fact_queue_interval AS f
                    WHERE f.source_key = @source_key
                      AND f.interval_key >= @from_key
                      AND f.interval_key < @to_key
                ) AS x
                GROUP BY x.interval_key, x.queue_key
                HAVING SUM(x.agent_answ_call_cnt) <> SUM(x.queue_answ_call_cnt)
                    OR SUM(x.agent_talking_call_dur_sec) <> SUM(x.queue_talking_call_dur_sec)
            ) AS d
            INNER JOIN dim_queue AS q ON q.queue_key = d.queue_key
            ORDER BY d.interval_key, q.queue_id;
            """),
        // A segment counts in the slot its call (interaction) started in, as the aggregate reports credit a call;
        // the slot key is built from the text time 'yyyy-MM-dd HH:mm:ss.fff'.
        CompareSegmentIntervals = new("verify_compare_segment_intervals", """
            SELECT x.interval_key, SUM(x.answ_call_cnt) AS answ_call_cnt, SUM(x.segment_cnt) AS segment_cnt
            FROM (
                SELECT f.interval_key, f.answ_call_cnt, 0 AS segment_cnt
                FROM fact_queue_interval AS f
                WHERE f.source_key = @source_key
                  AND f.interval_key >= @from_key
                  AND f.interval_key < @to_key
                UNION ALL
                SELECT CAST(substr(s.call_start_utc, 1, 4) || substr(s.call_start_utc, 6, 2) || substr(s.call_start_utc, 9, 2)
                            || substr(s.call_start_utc, 12, 2) AS INTEGER) * 100
                       + CAST(substr(s.call_start_utc, 15, 2) AS INTEGER) / 15 * 15,
                       0, 1
                FROM (
                    SELECT COALESCE(g.interaction_start_utc, g.segment_start_utc) AS call_start_utc
                    FROM fact_segment AS g
                    WHERE g.source_key = @source_key
                      AND g.interval_key >= @from_key
                      AND g.interval_key < @segments_to_key
                      AND (g.agent_key IS NOT NULL OR g.agent_id IS NOT NULL OR g.rc_user_id IS NOT NULL)
                      AND (g.direction IS NULL OR g.direction = 'INBOUND')
                ) AS s
            ) AS x
            WHERE x.interval_key >= @from_key
              AND x.interval_key < @to_key
            GROUP BY x.interval_key
            HAVING SUM(x.answ_call_cnt) <> SUM(x.segment_cnt)
            ORDER BY x.interval_key;
            """),
        // Agents are matched by id rather than key: a fact points at the agent's version of its load, and the two
        // reports may have been loaded before and after a change to the agent.
        CompareAgentStatsIntervals = new("verify_compare_agent_stats_intervals", """
            SELECT d.interval_key, d.agent_id, d.agent_name, d.stats_row_cnt,
                   d.stats_talking_call_dur_sec, d.stats_wrap_up_dur_sec, d.stats_answ_call_cnt,
                   d.ext_talking_call_dur_sec, d.ext_wrap_up_dur_sec, d.ext_answ_call_cnt
            FROM (
                SELECT x.interval_key, x.agent_id, MAX(x.agent_name) AS agent_name,
                       SUM(x.stats_row_cnt) AS stats_row_cnt,
                       SUM(x.stats_talking_call_dur_sec) AS stats_talking_call_dur_sec,
                       SUM(x.stats_wrap_up_dur_sec) AS stats_wrap_up_dur_sec,
                       SUM(x.stats_answ_call_cnt) AS stats_answ_call_cnt,
                       SUM(x.ext_talking_call_dur_sec) AS ext_talking_call_dur_sec,
                       SUM(x.ext_wrap_up_dur_sec) AS ext_wrap_up_dur_sec,
                       SUM(x.ext_answ_call_cnt) AS ext_answ_call_cnt
                FROM (
                    SELECT f.interval_key, a.agent_id, a.agent_name, 1 AS stats_row_cnt,
                           f.talking_call_dur_sec AS stats_talking_call_dur_sec,
                           f.wrap_up_dur_sec AS stats_wrap_up_dur_sec,
                           f.answ_call_cnt AS stats_answ_call_cnt,
                           0 AS ext_talking_call_dur_sec, 0 AS ext_wrap_up_dur_sec, 0 AS ext_answ_call_cnt
                    FROM fact_agent_interval AS f
                    INNER JOIN dim_agent AS a ON a.agent_key = f.agent_key
                    WHERE f.source_key = @source_key
                      AND f.interval_key >= @from_key
                      AND f.interval_key < @to_key
                    UNION ALL
                    SELECT f.interval_key, a.agent_id, a.agent_name, 0, NULL, NULL, NULL,
                           f.talking_call_dur_sec, f.wrap_up_dur_sec, f.answ_call_cnt
                    FROM fact_agent_queue_interval AS f
                    INNER JOIN dim_agent AS a ON a.agent_key = f.agent_key
                    WHERE f.source_key = @source_key
                      AND f.interval_key >= @from_key
                      AND f.interval_key < @to_key
                ) AS x
                GROUP BY x.interval_key, x.agent_id
            ) AS d
            WHERE (d.stats_row_cnt = 0 AND (d.ext_talking_call_dur_sec <> 0 OR d.ext_wrap_up_dur_sec <> 0 OR d.ext_answ_call_cnt <> 0))
               OR d.stats_talking_call_dur_sec <> d.ext_talking_call_dur_sec
               OR d.stats_wrap_up_dur_sec <> d.ext_wrap_up_dur_sec
               OR d.stats_answ_call_cnt <> d.ext_answ_call_cnt
            ORDER BY d.interval_key, d.agent_id;
            """),
        SelectInferredFacts = new("verify_select_inferred_facts", """
            SELECT x.report, x.member, x.member_id, COUNT(*) AS fact_cnt, MIN(x.interval_key) AS first_interval_key
            FROM (
                SELECT 'agent-extended' AS report, 'agent' AS member, a.agent_id AS member_id, f.interval_key
                FROM fact_agent_queue_interval AS f
                INNER JOIN dim_agent AS a ON a.agent_key = f.agent_key
                WHERE f.source_key = @source_key AND f.interval_key >= @from_key AND f.interval_key < @to_key AND a.is_inferred = 1
                UNION ALL
                SELECT 'agent-extended', 'queue', q.queue_id, f.interval_key
                FROM fact_agent_queue_interval AS f
                INNER JOIN dim_queue AS q ON q.queue_key = f.queue_key
                WHERE f.source_key = @source_key AND f.interval_key >= @from_key AND f.interval_key < @to_key AND q.is_inferred = 1
                UNION ALL
                SELECT 'queue-stats', 'queue', q.queue_id, f.interval_key
                FROM fact_queue_interval AS f
                INNER JOIN dim_queue AS q ON q.queue_key = f.queue_key
                WHERE f.source_key = @source_key AND f.interval_key >= @from_key AND f.interval_key < @to_key AND q.is_inferred = 1
                UNION ALL
                SELECT 'agent-stats', 'agent', a.agent_id, f.interval_key
                FROM fact_agent_interval AS f
                INNER JOIN dim_agent AS a ON a.agent_key = f.agent_key
                WHERE f.source_key = @source_key AND f.interval_key >= @from_key AND f.interval_key < @to_key AND a.is_inferred = 1
                UNION ALL
                SELECT 'segments', 'agent', a.agent_id, g.interval_key
                FROM fact_segment AS g
                INNER JOIN dim_agent AS a ON a.agent_key = g.agent_key
                WHERE g.source_key = @source_key AND g.interval_key >= @from_key AND g.interval_key < @to_key AND a.is_inferred = 1
            ) AS x
            GROUP BY x.report, x.member, x.member_id
            ORDER BY x.report, x.member, x.member_id;
            """),
    };
}
