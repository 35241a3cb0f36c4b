using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.Sqlite.Publish;

/// <summary>
/// Every statement of the queue-statistics publish on SQLite (fact_queue_interval, by slot and queue). The rows go
/// straight into the fact while the file is read (<see cref="SqliteFactWriter{TRow}"/>, with the statements in
/// <see cref="SqliteFactPlan.Statements"/>); the publish statements then only complete inferred names and remove the
/// covered slots' facts the batch no longer carries. The same protocol as <see cref="SqliteAgentExtendedSql"/>.
/// </summary>
internal static class SqliteQueueStatsSql
{
    public static StageMembers Queues { get; } = new("temp.stage_queue_stats_queues", "queue_id", "queue_name", "dim_queue", "queue_key")
    {
        Insert = "INSERT INTO temp.stage_queue_stats_queues (queue_id, queue_name) VALUES (@id, @attribute);",
    };

    /// <summary>The grain is interval_key, queue_key; the measures are bound in this order.</summary>
    public static SqliteFactPlan Plan { get; } = new(
        ReportKind.QueueStats, "queue_stats", "fact_queue_interval", "temp.batch_keys_queue_stats", [Queues], FactColumns.QueueMeasures)
    {
        Statements = new(
            FactUpsert,
            FactInsert,
            KeysInsert,
            SelectKeyRow: "SELECT batch_row FROM temp.batch_keys_queue_stats WHERE interval_key = @interval_key AND queue_key = @queue_key;",
            HoldsFacts: """
                SELECT EXISTS (
                    SELECT 1
                    FROM fact_queue_interval
                    WHERE source_key = @source_key AND interval_key >= @from_key AND interval_key < @to_key);
                """,
            RecordFirstLoad: "INSERT INTO temp.batch_keys_queue_stats_first_load (source_key, from_key, to_key, last_rowid) SELECT @source_key, @from_key, @to_key, COALESCE(MAX(rowid), 0) FROM fact_queue_interval;",
            LastRowid: "SELECT COALESCE(MAX(rowid), 0) FROM fact_queue_interval;",
            SelectFactRowid: "SELECT rowid FROM fact_queue_interval WHERE source_key = @source_key AND interval_key = @interval_key AND queue_key = @queue_key;"),
    };

    public static ReportSql Sql { get; } = new(
        new StageSql(
            "temp.batch_keys_queue_stats",
            // The batch's empty temp tables (created inside the load transaction, so a rollback removes them): the grains
            // the batch carried, whose primary key refuses a repeat while the rows are written (hence no index and no
            // duplicate check); the window of a first load; the distinct queues the batch names.
            new("queue_stats.create_stage", """
                DROP TABLE IF EXISTS temp.batch_keys_queue_stats;
                CREATE TEMP TABLE batch_keys_queue_stats (interval_key INTEGER NOT NULL, queue_key INTEGER NOT NULL, batch_row INTEGER NOT NULL, PRIMARY KEY (interval_key, queue_key)) WITHOUT ROWID;
                DROP TABLE IF EXISTS temp.batch_keys_queue_stats_first_load;
                CREATE TEMP TABLE batch_keys_queue_stats_first_load (source_key INTEGER NOT NULL, from_key INTEGER NOT NULL, to_key INTEGER NOT NULL, last_rowid INTEGER NOT NULL);
                DROP TABLE IF EXISTS temp.stage_queue_stats_queues;
                CREATE TEMP TABLE stage_queue_stats_queues (queue_id TEXT NOT NULL, queue_name TEXT NULL);
                """),
            Index: null,
            DuplicateCheck: null,
// The rows the batch wrote: the grains in the keys table, or on a first load (no keys recorded) the rows it
            // inserted into the fact, which are the fact's rowids above the largest one before the batch (SQLite gives
            // each new row the largest rowid plus one, and no other writer runs inside this transaction): two seeks
            // instead of counting the window's facts.
            new("queue_stats.count_stage", """
                SELECT (SELECT COUNT(*) FROM temp.batch_keys_queue_stats)
                     + COALESCE((SELECT (SELECT MAX(rowid) FROM fact_queue_interval) - w.last_rowid
                                 FROM temp.batch_keys_queue_stats_first_load AS w), 0);
                """)),
        [
            // From the small member table of the batch's distinct (id, name) pairs: MAX over distinct pairs is MAX over the rows.
            new("queue_stats.rename_inferred_queues", """
                UPDATE dim_queue
                SET queue_name = n.queue_name
                FROM (
                    SELECT s.queue_id, MAX(s.queue_name) AS queue_name
                    FROM temp.stage_queue_stats_queues AS s
                    WHERE s.queue_name IS NOT NULL
                    GROUP BY s.queue_id
                ) AS n
                WHERE dim_queue.source_key = @source_key
                  AND dim_queue.queue_id = n.queue_id
                  AND dim_queue.is_inferred = 1
                  AND dim_queue.queue_name IS NOT n.queue_name;
                """),

            // A first load's slots held no facts before it, so nothing in them is stale. Otherwise the slots hold stale
            // facts exactly when they hold more facts than the batch carried: the counts decide, once, before the per-row
            // search runs at all, which a repeated or purely additive load never needs. The decision is the end of the key
            // range searched (@from_key: an empty range), computed once before SQLite seeks.
            new("queue_stats.delete_stale_facts", """
                DELETE FROM fact_queue_interval
                WHERE source_key = @source_key
                  AND interval_key >= @from_key
                  AND interval_key < (SELECT CASE
                                                 WHEN EXISTS (SELECT 1 FROM temp.batch_keys_queue_stats_first_load) THEN @from_key
                                                 WHEN (SELECT COUNT(*) FROM fact_queue_interval AS f
                                                       WHERE f.source_key = @source_key AND f.interval_key >= @from_key AND f.interval_key < @to_key)
                                                      > (SELECT COUNT(*) FROM temp.batch_keys_queue_stats) THEN @to_key
                                                 ELSE @from_key
                                             END)
                  AND NOT EXISTS (
                      SELECT 1
                      FROM temp.batch_keys_queue_stats AS k
                      WHERE k.interval_key = fact_queue_interval.interval_key
                        AND k.queue_key = fact_queue_interval.queue_key);
                """),
        ],
        // The temp tables are the batch's alone; dropping them is the cheapest way to empty them.
        new("queue_stats.clear_stage", """
            DROP TABLE temp.batch_keys_queue_stats;
            DROP TABLE temp.batch_keys_queue_stats_first_load;
            DROP TABLE temp.stage_queue_stats_queues;
            """));

    /// <summary>
    /// The multi-row upsert of <paramref name="rows"/> resolved fact rows: a new grain is inserted, a grain whose
    /// measures changed is updated (and takes the batch's id), an identical one is left alone, so that loading the same
    /// rows twice changes nothing.
    /// </summary>
    private static string FactUpsert(int rows) => $"""
        INSERT INTO fact_queue_interval (source_key, interval_key, queue_key, interval_minutes, offd_direct_call_cnt, overflow_in_call_cnt, aband_call_cnt, overflow_out_call_cnt, answ_call_cnt, queued_and_answ_call_dur_sec, queued_and_aband_call_dur_sec, talking_call_dur_sec, wrap_up_dur_sec, queued_answ_longest_que_dur_sec, queued_aband_longest_que_dur_sec, ans_servicelevel_cnt, wait_dur_sec, aband_short_call_cnt, aband_within_sl_cnt, completed_contacts, segment_hold_time_ms, load_batch_id)
        VALUES {SqliteValueRows.Of(rows, columns: 20, "@source_key, ", ", @load_batch_id")}
        ON CONFLICT (source_key, interval_key, queue_key) DO UPDATE
        SET interval_minutes = excluded.interval_minutes,
            offd_direct_call_cnt = excluded.offd_direct_call_cnt,
            overflow_in_call_cnt = excluded.overflow_in_call_cnt,
            aband_call_cnt = excluded.aband_call_cnt,
            overflow_out_call_cnt = excluded.overflow_out_call_cnt,
            answ_call_cnt = excluded.answ_call_cnt,
            queued_and_answ_call_dur_sec = excluded.queued_and_answ_call_dur_sec,
            queued_and_aband_call_dur_sec = excluded.queued_and_aband_call_dur_sec,
            talking_call_dur_sec = excluded.talking_call_dur_sec,
            wrap_up_dur_sec = excluded.wrap_up_dur_sec,
            queued_answ_longest_que_dur_sec = excluded.queued_answ_longest_que_dur_sec,
            queued_aband_longest_que_dur_sec = excluded.queued_aband_longest_que_dur_sec,
            ans_servicelevel_cnt = excluded.ans_servicelevel_cnt,
            wait_dur_sec = excluded.wait_dur_sec,
            aband_short_call_cnt = excluded.aband_short_call_cnt,
            aband_within_sl_cnt = excluded.aband_within_sl_cnt,
            completed_contacts = excluded.completed_contacts,
            segment_hold_time_ms = excluded.segment_hold_time_ms,
            load_batch_id = excluded.load_batch_id
        WHERE fact_queue_interval.interval_minutes IS NOT excluded.interval_minutes
           OR fact_queue_interval.offd_direct_call_cnt IS NOT excluded.offd_direct_call_cnt
           OR fact_queue_interval.overflow_in_call_cnt IS NOT excluded.overflow_in_call_cnt
           OR fact_queue_interval.aband_call_cnt IS NOT excluded.aband_call_cnt
           OR fact_queue_interval.overflow_out_call_cnt IS NOT excluded.overflow_out_call_cnt
           OR fact_queue_interval.answ_call_cnt IS NOT excluded.answ_call_cnt
           OR fact_queue_interval.queued_and_answ_call_dur_sec IS NOT excluded.queued_and_answ_call_dur_sec
           OR fact_queue_interval.queued_and_aband_call_dur_sec IS NOT excluded.queued_and_aband_call_dur_sec
           OR fact_queue_interval.talking_call_dur_sec IS NOT excluded.talking_call_dur_sec
           OR fact_queue_interval.wrap_up_dur_sec IS NOT excluded.wrap_up_dur_sec
           OR fact_queue_interval.queued_answ_longest_que_dur_sec IS NOT excluded.queued_answ_longest_que_dur_sec
           OR fact_queue_interval.queued_aband_longest_que_dur_sec IS NOT excluded.queued_aband_longest_que_dur_sec
           OR fact_queue_interval.ans_servicelevel_cnt IS NOT excluded.ans_servicelevel_cnt
           OR fact_queue_interval.wait_dur_sec IS NOT excluded.wait_dur_sec
           OR fact_queue_interval.aband_short_call_cnt IS NOT excluded.aband_short_call_cnt
           OR fact_queue_interval.aband_within_sl_cnt IS NOT excluded.aband_within_sl_cnt
           OR fact_queue_interval.completed_contacts IS NOT excluded.completed_contacts
           OR fact_queue_interval.segment_hold_time_ms IS NOT excluded.segment_hold_time_ms;
        """;

    /// <summary>A first load's plain INSERT of <paramref name="rows"/> rows: its slots hold no fact to meet.</summary>
    private static string FactInsert(int rows) => $"""
        INSERT INTO fact_queue_interval (source_key, interval_key, queue_key, interval_minutes, offd_direct_call_cnt, overflow_in_call_cnt, aband_call_cnt, overflow_out_call_cnt, answ_call_cnt, queued_and_answ_call_dur_sec, queued_and_aband_call_dur_sec, talking_call_dur_sec, wrap_up_dur_sec, queued_answ_longest_que_dur_sec, queued_aband_longest_que_dur_sec, ans_servicelevel_cnt, wait_dur_sec, aband_short_call_cnt, aband_within_sl_cnt, completed_contacts, segment_hold_time_ms, load_batch_id)
        VALUES {SqliteValueRows.Of(rows, columns: 20, "@source_key, ", ", @load_batch_id")};
        """;

    /// <summary>Records <paramref name="rows"/> grains the batch carried, with the batch row each came from; the primary key refuses a repeat.</summary>
    private static string KeysInsert(int rows) => $"""
        INSERT INTO temp.batch_keys_queue_stats (interval_key, queue_key, batch_row)
        VALUES {SqliteValueRows.Of(rows, columns: 3)};
        """;
}
