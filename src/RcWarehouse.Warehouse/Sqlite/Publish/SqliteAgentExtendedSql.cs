using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.Sqlite.Publish;

/// <summary>
/// Every statement of the agent-extended publish on SQLite (fact_agent_queue_interval, by slot, agent and queue).
/// The rows go straight into the fact while the file is read (<see cref="SqliteFactWriter{TRow}"/>, with the
/// statements in <see cref="SqliteFactPlan.Statements"/>); the publish statements then only complete inferred names and remove the covered
/// slots' facts the batch no longer carries.
/// </summary>
internal static class SqliteAgentExtendedSql
{
    public static StageMembers Agents { get; } = new("temp.stage_agent_extended_agents", "agent_id", "agent_name", "dim_agent", "agent_key")
    {
        Insert = "INSERT INTO temp.stage_agent_extended_agents (agent_id, agent_name) VALUES (@id, @attribute);",
    };

    public static StageMembers Queues { get; } = new("temp.stage_agent_extended_queues", "queue_id", "queue_name", "dim_queue", "queue_key")
    {
        Insert = "INSERT INTO temp.stage_agent_extended_queues (queue_id, queue_name) VALUES (@id, @attribute);",
    };

    /// <summary>The grain is interval_key, agent_key, queue_key; the measures are bound in this order.</summary>
    public static SqliteFactPlan Plan { get; } = new(
        ReportKind.AgentExtended, "agent_extended", "fact_agent_queue_interval", "temp.batch_keys_agent_extended", [Agents, Queues], FactColumns.AgentQueueMeasures)
    {
        Statements = new(
            FactUpsert,
            FactInsert,
            KeysInsert,
            SelectKeyRow: "SELECT batch_row FROM temp.batch_keys_agent_extended WHERE interval_key = @interval_key AND agent_key = @agent_key AND queue_key = @queue_key;",
            HoldsFacts: """
                SELECT EXISTS (
                    SELECT 1
                    FROM fact_agent_queue_interval
                    WHERE source_key = @source_key AND interval_key >= @from_key AND interval_key < @to_key);
                """,
            RecordFirstLoad: "INSERT INTO temp.batch_keys_agent_extended_first_load (source_key, from_key, to_key, last_rowid) SELECT @source_key, @from_key, @to_key, COALESCE(MAX(rowid), 0) FROM fact_agent_queue_interval;",
            LastRowid: "SELECT COALESCE(MAX(rowid), 0) FROM fact_agent_queue_interval;",
            SelectFactRowid: "SELECT rowid FROM fact_agent_queue_interval WHERE source_key = @source_key AND interval_key = @interval_key AND agent_key = @agent_key AND queue_key = @queue_key;"),
    };

    public static ReportSql Sql { get; } = new(
        new StageSql(
            "temp.batch_keys_agent_extended",
            // The batch's empty temp tables (created inside the load transaction, so a rollback removes them): the grains
            // the batch carried, whose primary key refuses a repeat while the rows are written (hence no index and no
            // duplicate check); the window of a first load; the distinct members the batch names.
            new("agent_extended.create_stage", """
                DROP TABLE IF EXISTS temp.batch_keys_agent_extended;
                CREATE TEMP TABLE batch_keys_agent_extended (interval_key INTEGER NOT NULL, agent_key INTEGER NOT NULL, queue_key INTEGER NOT NULL, batch_row INTEGER NOT NULL, PRIMARY KEY (interval_key, agent_key, queue_key)) WITHOUT ROWID;
                DROP TABLE IF EXISTS temp.batch_keys_agent_extended_first_load;
                CREATE TEMP TABLE batch_keys_agent_extended_first_load (source_key INTEGER NOT NULL, from_key INTEGER NOT NULL, to_key INTEGER NOT NULL, last_rowid INTEGER NOT NULL);
                DROP TABLE IF EXISTS temp.stage_agent_extended_agents;
                CREATE TEMP TABLE stage_agent_extended_agents (agent_id TEXT NOT NULL, agent_name TEXT NULL);
                DROP TABLE IF EXISTS temp.stage_agent_extended_queues;
                CREATE TEMP TABLE stage_agent_extended_queues (queue_id TEXT NOT NULL, queue_name TEXT NULL);
                """),
            Index: null,
            DuplicateCheck: null,
// The rows the batch wrote: the grains in the keys table, or on a first load (no keys recorded) the rows it
            // inserted into the fact, which are the fact's rowids above the largest one before the batch (SQLite gives
            // each new row the largest rowid plus one, and no other writer runs inside this transaction): two seeks
            // instead of counting the window's facts.
            new("agent_extended.count_stage", """
                SELECT (SELECT COUNT(*) FROM temp.batch_keys_agent_extended)
                     + COALESCE((SELECT (SELECT MAX(rowid) FROM fact_agent_queue_interval) - w.last_rowid
                                 FROM temp.batch_keys_agent_extended_first_load AS w), 0);
                """)),
        [
            // The members the batch names come from the small member tables the writer fills with the batch's distinct
            // (id, name) pairs, not from a pass over the rows: MAX over distinct pairs is MAX over the rows.
            new("agent_extended.rename_inferred_agents", """
                UPDATE dim_agent
                SET agent_name = n.agent_name
                FROM (
                    SELECT s.agent_id, MAX(s.agent_name) AS agent_name
                    FROM temp.stage_agent_extended_agents AS s
                    WHERE s.agent_name IS NOT NULL
                    GROUP BY s.agent_id
                ) AS n
                WHERE dim_agent.source_key = @source_key
                  AND dim_agent.agent_id = n.agent_id
                  AND dim_agent.is_inferred = 1
                  AND dim_agent.agent_name IS NOT n.agent_name;
                """),
            new("agent_extended.rename_inferred_queues", """
                UPDATE dim_queue
                SET queue_name = n.queue_name
                FROM (
                    SELECT s.queue_id, MAX(s.queue_name) AS queue_name
                    FROM temp.stage_agent_extended_queues AS s
                    WHERE s.queue_name IS NOT NULL
                    GROUP BY s.queue_id
                ) AS n
                WHERE dim_queue.source_key = @source_key
                  AND dim_queue.queue_id = n.queue_id
                  AND dim_queue.is_inferred = 1
                  AND dim_queue.queue_name IS NOT n.queue_name;
                """),

            // A first load's slots held no facts before it, so nothing in them is stale (and its keys table is empty).
            // Otherwise every grain the batch carried is in the fact and in the covered slots, so the slots hold stale
            // facts exactly when they hold more facts than the batch carried: the counts (one pass over an index range)
            // decide, once, before the per-row search runs at all, which a repeated or purely additive load never needs.
            // The decision is the end of the key range searched (@from_key: an empty range), a value SQLite computes once
            // before it seeks: a guard beside the range would be tested on every fact of the window, and its counts
            // would run on a first load too.
            new("agent_extended.delete_stale_facts", """
                DELETE FROM fact_agent_queue_interval
                WHERE source_key = @source_key
                  AND interval_key >= @from_key
                  AND interval_key < (SELECT CASE
                                                 WHEN EXISTS (SELECT 1 FROM temp.batch_keys_agent_extended_first_load) THEN @from_key
                                                 WHEN (SELECT COUNT(*) FROM fact_agent_queue_interval AS f
                                                       WHERE f.source_key = @source_key AND f.interval_key >= @from_key AND f.interval_key < @to_key)
                                                      > (SELECT COUNT(*) FROM temp.batch_keys_agent_extended) THEN @to_key
                                                 ELSE @from_key
                                             END)
                  AND NOT EXISTS (
                      SELECT 1
                      FROM temp.batch_keys_agent_extended AS k
                      WHERE k.interval_key = fact_agent_queue_interval.interval_key
                        AND k.agent_key = fact_agent_queue_interval.agent_key
                        AND k.queue_key = fact_agent_queue_interval.queue_key);
                """),
        ],
        // The temp tables are the batch's alone; dropping them is the cheapest way to empty them.
        new("agent_extended.clear_stage", """
            DROP TABLE temp.batch_keys_agent_extended;
            DROP TABLE temp.batch_keys_agent_extended_first_load;
            DROP TABLE temp.stage_agent_extended_agents;
            DROP TABLE temp.stage_agent_extended_queues;
            """));

    /// <summary>
    /// The multi-row upsert of <paramref name="rows"/> resolved fact rows: a new grain is inserted, a grain whose
    /// measures changed is updated (and takes the batch's id), an identical one is left alone, so that loading the same
    /// rows twice changes nothing.
    /// </summary>
    private static string FactUpsert(int rows) => $"""
        INSERT INTO fact_agent_queue_interval (source_key, interval_key, agent_key, queue_key, interval_minutes, talking_call_dur_sec, wrap_up_dur_sec, answ_call_cnt, transfer_out_call_cnt, load_batch_id)
        VALUES {SqliteValueRows.Of(rows, columns: 8, "@source_key, ", ", @load_batch_id")}
        ON CONFLICT (source_key, interval_key, agent_key, queue_key) DO UPDATE
        SET interval_minutes = excluded.interval_minutes,
            talking_call_dur_sec = excluded.talking_call_dur_sec,
            wrap_up_dur_sec = excluded.wrap_up_dur_sec,
            answ_call_cnt = excluded.answ_call_cnt,
            transfer_out_call_cnt = excluded.transfer_out_call_cnt,
            load_batch_id = excluded.load_batch_id
        WHERE fact_agent_queue_interval.interval_minutes IS NOT excluded.interval_minutes
           OR fact_agent_queue_interval.talking_call_dur_sec IS NOT excluded.talking_call_dur_sec
           OR fact_agent_queue_interval.wrap_up_dur_sec IS NOT excluded.wrap_up_dur_sec
           OR fact_agent_queue_interval.answ_call_cnt IS NOT excluded.answ_call_cnt
           OR fact_agent_queue_interval.transfer_out_call_cnt IS NOT excluded.transfer_out_call_cnt;
        """;

    /// <summary>A first load's plain INSERT of <paramref name="rows"/> rows: its slots hold no fact to meet.</summary>
    private static string FactInsert(int rows) => $"""
        INSERT INTO fact_agent_queue_interval (source_key, interval_key, agent_key, queue_key, interval_minutes, talking_call_dur_sec, wrap_up_dur_sec, answ_call_cnt, transfer_out_call_cnt, load_batch_id)
        VALUES {SqliteValueRows.Of(rows, columns: 8, "@source_key, ", ", @load_batch_id")};
        """;

    /// <summary>Records <paramref name="rows"/> grains the batch carried, with the batch row each came from; the primary key refuses a repeat.</summary>
    private static string KeysInsert(int rows) => $"""
        INSERT INTO temp.batch_keys_agent_extended (interval_key, agent_key, queue_key, batch_row)
        VALUES {SqliteValueRows.Of(rows, columns: 4)};
        """;
}
