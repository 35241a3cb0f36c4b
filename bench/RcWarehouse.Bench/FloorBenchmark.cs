using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using nietras.SeparatedValues;
using RcWarehouse.Warehouse.Sqlite;

namespace RcWarehouse.Bench;

/// <summary>
/// The floor issue 10 measures the SQLite load against, in the same run: the generated CSV parsed with Sep into the
/// fact's typed values on one thread (<c>sep-parse</c> alone), and, for <c>floor</c>, inserted by a second thread with
/// 100-row prepared multi-value INSERTs into a table with the fact's columns and grain primary key, in one transaction,
/// on a connection set up as the warehouse's. No dimension lookups, no checks, no batch bookkeeping: what no loader of
/// this file into this table can beat by much on this machine.
/// </summary>
internal static class FloorBenchmark
{
    private const int RowsPerInsert = 100;
    private const int Columns = 10;

    public static long SepParse(string csv)
    {
        long count = 0;
        foreach (var row in Read(csv))
        {
            count += row.Answered >= 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// <paramref name="route"/> <see cref="FloorRoute.Keys"/> (<c>floor-keys</c>): the floor's rows written the way the
    /// product's SQLite writer writes a reload, and nothing else: each buffer's grains into a TEMP WITHOUT ROWID keys
    /// table (whose primary key refuses a repeated grain), and the fact by the multi-row upsert (insert new grains,
    /// update changed ones). The difference from <c>floor</c> is what those two statements cost in SQLite; the
    /// difference from <c>reload</c> is the writer's per-row work in .NET (key resolution, binding).
    /// <see cref="FloorRoute.Staged"/> (<c>floor-staged</c>): the rows written the way a stage-then-publish route would
    /// at best: the same 100-row INSERTs into a TEMP stage table with the fact's columns and no index while Sep parses,
    /// then a unique index on the grain (what refuses a repeated grain there), then one INSERT ... SELECT into the fact
    /// in grain order, all in one transaction. No key lookup, no checks: the lower bound of any staged route for interval
    /// reports, to set against <c>load</c> in the same run.
    /// </summary>
    public static async Task<long> FloorAsync(string csv, string database, FloorRoute route, CancellationToken cancellationToken)
    {
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }

        var buffers = Channel.CreateBounded<FloorRow[]>(new BoundedChannelOptions(32) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    var buffer = new FloorRow[RowsPerInsert];
                    var filled = 0;
                    foreach (var row in Read(csv))
                    {
                        buffer[filled++] = row;
                        if (filled == RowsPerInsert)
                        {
                            await buffers.Writer.WriteAsync(buffer, cancellationToken);
                            buffer = new FloorRow[RowsPerInsert];
                            filled = 0;
                        }
                    }

                    if (filled > 0)
                    {
                        await buffers.Writer.WriteAsync(buffer[..filled], cancellationToken);
                    }

                    buffers.Writer.Complete();
                }
                catch (Exception ex)
                {
                    buffers.Writer.Complete(ex);
                }
            },
            cancellationToken);

        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, """
            PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;
            CREATE TABLE fact_floor (
                source_key            INTEGER NOT NULL,
                interval_key          INTEGER NOT NULL,
                agent_key             INTEGER NOT NULL,
                queue_key             INTEGER NOT NULL,
                interval_minutes      INTEGER NOT NULL,
                talking_call_dur_sec  NUMERIC NOT NULL,
                wrap_up_dur_sec       NUMERIC NOT NULL,
                answ_call_cnt         INTEGER NOT NULL,
                transfer_out_call_cnt INTEGER NOT NULL,
                load_batch_id         INTEGER NOT NULL,
                PRIMARY KEY (source_key, interval_key, agent_key, queue_key)
            );
            CREATE TEMP TABLE floor_keys (
                interval_key INTEGER NOT NULL, agent_key INTEGER NOT NULL, queue_key INTEGER NOT NULL, batch_row INTEGER NOT NULL,
                PRIMARY KEY (interval_key, agent_key, queue_key)
            ) WITHOUT ROWID;
            """, cancellationToken);

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (route == FloorRoute.Staged)
        {
            // Inside the load transaction, and copied from the fact's definition, as the product's TEMP stage is (the
            // same columns and affinities, no key).
            await ExecuteAsync(connection, transaction, "CREATE TEMP TABLE floor_stage AS SELECT * FROM main.fact_floor WHERE 0;", cancellationToken);
        }

        var table = route == FloorRoute.Staged ? "temp.floor_stage" : "fact_floor";
        var withKeys = route == FloorRoute.Keys;
        using var full = Insert(connection, table, RowsPerInsert, withKeys);
        using var fullKeys = withKeys ? KeysInsert(connection, RowsPerInsert) : null;
        long count = 0;
        await foreach (var buffer in buffers.Reader.ReadAllAsync(cancellationToken))
        {
            if (buffer.Length == RowsPerInsert)
            {
                RunKeys(fullKeys, buffer, count);
                Run(full, buffer);
            }
            else
            {
                using var partialKeys = withKeys ? KeysInsert(connection, buffer.Length) : null;
                using var partial = Insert(connection, table, buffer.Length, withKeys);
                RunKeys(partialKeys, buffer, count);
                Run(partial, buffer);
            }

            count += buffer.Length;
        }

        await producer;
        if (route == FloorRoute.Staged)
        {
            await ExecuteAsync(connection, transaction, """
                CREATE UNIQUE INDEX temp.floor_stage_grain ON floor_stage (source_key, interval_key, agent_key, queue_key);
                INSERT INTO fact_floor
                SELECT source_key, interval_key, agent_key, queue_key, interval_minutes, talking_call_dur_sec, wrap_up_dur_sec,
                       answ_call_cnt, transfer_out_call_cnt, load_batch_id
                FROM temp.floor_stage
                ORDER BY source_key, interval_key, agent_key, queue_key;
                """, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private static IEnumerable<FloorRow> Read(string csv)
    {
        using var reader = Sep.Reader().FromFile(csv);
        var header = reader.Header;
        int date = header.IndexOf("date_from"), time = header.IndexOf("time (H24:MI)"), minutes = header.IndexOf("interval");
        int agent = header.IndexOf("agent_id"), queue = header.IndexOf("queue");
        int talking = header.IndexOf("talking_call_dur"), wrapUp = header.IndexOf("wrap_up_dur");
        int answered = header.IndexOf("answ_call_cnt"), transferred = header.IndexOf("transfer_out_call_cnt");
        foreach (var row in reader)
        {
            var day = DateOnly.ParseExact(row[date].Span, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var at = TimeOnly.ParseExact(row[time].Span, "HH:mm", CultureInfo.InvariantCulture);
            yield return new FloorRow(
                (((((day.Year * 100L) + day.Month) * 100L) + day.Day) * 10000L) + (at.Hour * 100L) + at.Minute,
                row[agent].Parse<long>(),
                row[queue].Parse<long>(),
                row[minutes].Parse<int>(),
                row[talking].Parse<decimal>(),
                row[wrapUp].Parse<decimal>(),
                row[answered].Parse<long>(),
                row[transferred].Parse<long>());
        }
    }

    // Prepared once and bound by parameter index, as the product's own multi-row statements are: Microsoft.Data.Sqlite
    // would look each of the thousand parameter names up again on every execution, and the floor would measure that.
    private static MultiRowStatement Insert(SqliteConnection connection, string table, int rows, bool upsert)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(table).Append(" VALUES ");
        AppendRows(sql, rows, Columns);
        if (upsert)
        {
            sql.Append("""

                ON CONFLICT (source_key, interval_key, agent_key, queue_key) DO UPDATE
                SET interval_minutes = excluded.interval_minutes, talking_call_dur_sec = excluded.talking_call_dur_sec,
                    wrap_up_dur_sec = excluded.wrap_up_dur_sec, answ_call_cnt = excluded.answ_call_cnt,
                    transfer_out_call_cnt = excluded.transfer_out_call_cnt, load_batch_id = excluded.load_batch_id
                WHERE fact_floor.interval_minutes IS NOT excluded.interval_minutes
                   OR fact_floor.talking_call_dur_sec IS NOT excluded.talking_call_dur_sec
                   OR fact_floor.wrap_up_dur_sec IS NOT excluded.wrap_up_dur_sec
                   OR fact_floor.answ_call_cnt IS NOT excluded.answ_call_cnt
                   OR fact_floor.transfer_out_call_cnt IS NOT excluded.transfer_out_call_cnt
                """);
        }

        return new MultiRowStatement(connection, sql.ToString(), rows, Columns);
    }

    private static MultiRowStatement KeysInsert(SqliteConnection connection, int rows)
    {
        var sql = new StringBuilder("INSERT INTO temp.floor_keys VALUES ");
        AppendRows(sql, rows, 4);
        return new MultiRowStatement(connection, sql.ToString(), rows, 4);
    }

    private static void AppendRows(StringBuilder sql, int rows, int columns)
    {
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++)
            {
                sql.Append(c == 0 ? "" : ", ").Append(SqliteStatements.StageParameter(r, c));
            }

            sql.Append(')');
        }
    }

    private static void RunKeys(MultiRowStatement? statement, FloorRow[] rows, long rowsBefore)
    {
        if (statement is null)
        {
            return;
        }

        for (var r = 0; r < rows.Length; r++)
        {
            var p = r * 4;
            statement.BindInt64(p, rows[r].IntervalKey);
            statement.BindInt64(p + 1, rows[r].AgentKey);
            statement.BindInt64(p + 2, rows[r].QueueKey);
            statement.BindInt64(p + 3, rowsBefore + r + 1);
        }

        statement.Step();
    }

    private static void Run(MultiRowStatement statement, FloorRow[] rows)
    {
        for (var r = 0; r < rows.Length; r++)
        {
            var row = rows[r];
            var p = r * Columns;
            statement.BindInt64(p, 1);
            statement.BindInt64(p + 1, row.IntervalKey);
            statement.BindInt64(p + 2, row.AgentKey);
            statement.BindInt64(p + 3, row.QueueKey);
            statement.BindInt64(p + 4, row.IntervalMinutes);
            Measure(statement, p + 5, row.TalkingSec);
            Measure(statement, p + 6, row.WrapUpSec);
            statement.BindInt64(p + 7, row.Answered);
            statement.BindInt64(p + 8, row.TransferredOut);
            statement.BindInt64(p + 9, 1);
        }

        statement.Step();
    }

    // A whole number of seconds binds as INTEGER (what NUMERIC stores it as); a fraction as its invariant text.
    private static void Measure(MultiRowStatement statement, int position, decimal value)
    {
        if (decimal.Truncate(value) == value && value is >= long.MinValue and <= long.MaxValue)
        {
            statement.BindInt64(position, (long)value);
        }
        else
        {
            statement.Bind(position, value.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One row of the file as the fact holds it (the generator's agent and queue ids stand in for their keys).</summary>
    private readonly record struct FloorRow(
        long IntervalKey, long AgentKey, long QueueKey, int IntervalMinutes, decimal TalkingSec, decimal WrapUpSec, long Answered, long TransferredOut);
}
