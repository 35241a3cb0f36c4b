using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Warehouse.Publishing;
using RcWarehouse.Warehouse.Staging;
using SQLitePCL;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// Writes an interval report's rows straight into its fact, inside the load transaction, while the file is still being
/// read: each row's slot gets its dim_interval row on first sight, its members' keys are resolved in memory
/// (<see cref="DimensionKeys"/>), its grain is recorded in the batch's keys table (whose primary key refuses a repeated
/// grain), and a multi-row upsert inserts new grains, updates changed ones and leaves identical ones alone. The publish
/// statements then only complete inferred names and delete the covered slots' facts the batch did not carry.
/// A first load (the window is known before the rows are read and its slots hold no fact of the source yet, decided
/// under the transaction's write lock) has nothing to find stale and no identical fact to leave alone: its rows go in by
/// plain multi-row INSERTs, with no keys table, and the fact's primary key refuses a repeated grain with the same
/// message (<see cref="SqliteFirstLoadStatements"/>). Nothing is visible to readers before the transaction commits, and
/// a failure rolls all of it back. The writing side is the load's bottleneck (it also runs SQLite), so whatever needs no
/// connection (each row's slot, member ids and measures) is worked out on the reading side (<see cref="Prepare"/>).
/// </summary>
internal sealed class SqliteFactWriter<TRow> : ISqliteRowSink<TRow>
{
    private readonly IWarehouseDialect _dialect;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction? _transaction;
    private readonly SqliteFactPlan _plan;
    private readonly StageTarget _target;
    private readonly StageLayout<TRow> _layout;
    private readonly (DimensionKeys Keys, StageColumn<TRow> Id, StageColumn<TRow> Attribute)[] _members;
    private readonly StageColumn<TRow>[] _measures;
    private readonly bool _firstLoad;
    private readonly long _lastRowidBefore;
    private readonly MultiRowStatement _write;
    private readonly MultiRowStatement? _keys;
    private readonly long[] _grain;
    private readonly HashSet<long> _intervals = [];
    private long _lastInterval;
    private DbCommand? _insertInterval;
    private long _rowsWritten;

    public SqliteFactWriter(IWarehouseDialect dialect, SqliteConnection connection, SqliteTransaction? transaction, StageLayout<TRow> layout, SqliteFactPlan plan, StageTarget target, int rowsPerStatement)
    {
        _dialect = dialect;
        _connection = connection;
        _transaction = transaction;
        _plan = plan;
        _target = target;
        _layout = layout;
        _members = [.. plan.Members.Select(m => (new DimensionKeys(connection, transaction, m, target.SourceKey), layout.Column(m.IdColumn), layout.Column(m.AttributeColumn)))];
        _measures = [.. plan.Measures.Select(layout.Column)];
        if (target.Window is { } window && transaction is not null && IsFirstLoad(window))
        {
            _firstLoad = true;
            _lastRowidBefore = Scalar(SqliteFirstLoadStatements.LastRowid(plan));
        }

        _write = FactWrite(rowsPerStatement);
        _keys = _firstLoad ? null : KeysInsert(rowsPerStatement);
        _grain = new long[rowsPerStatement * plan.Grain.Count];
    }

    public string Target => _plan.Fact;

    private int FactWidth => _plan.Grain.Count + _plan.Measures.Count;

    private int KeysWidth => _plan.Grain.Count + 1;

    /// <summary>
    /// On the reading side: each row's slot, member ids and measures, so that <see cref="WriteAsync"/> only resolves
    /// keys and binds. Reads the layout's getters and nothing of the writer's state.
    /// </summary>
    public SqliteRowBuffer<TRow> Prepare(TRow[] rows)
    {
        var facts = new SqliteFactRows(rows.Length, _members.Length, _measures.Length);
        var lastSlot = DateTime.MinValue;
        long lastKey = 0;
        for (var r = 0; r < rows.Length; r++)
        {
            var row = rows[r];
            var slot = _layout.SlotStartUtc(row);
            if (r == 0 || slot != lastSlot)
            {
                lastSlot = slot;
                lastKey = IntervalKey.FromUtc(slot);
            }

            facts.IntervalKeys[r] = lastKey;
            facts.SlotTicks[r] = slot.Ticks;
            for (var m = 0; m < _members.Length; m++)
            {
                var (_, idColumn, attributeColumn) = _members[m];
                facts.Ids[(r * _members.Length) + m] = (string)idColumn.Get(row)!;
                facts.Attributes[(r * _members.Length) + m] = (string?)attributeColumn.Get(row);
            }

            for (var i = 0; i < _measures.Length; i++)
            {
                Measure(facts, (r * _measures.Length) + i, _measures[i], row);
            }
        }

        return new(rows, facts);
    }

    public async Task WriteAsync(SqliteRowBuffer<TRow> buffer, CancellationToken cancellationToken)
    {
        var rows = buffer.Rows;
        var facts = buffer.Facts!;
        var firstRow = _rowsWritten + 1;
        var full = rows.Length == _write.Rows;
        using var tailKeys = full || _firstLoad ? null : KeysInsert(rows.Length);
        using var tailWrite = full ? null : FactWrite(rows.Length);
        var keys = tailKeys ?? _keys;
        var write = tailWrite ?? _write;
        var grainWidth = _plan.Grain.Count;
        var factWidth = FactWidth;
        var members = _members.Length;
        var measures = _measures.Length;
        for (var r = 0; r < rows.Length; r++)
        {
            var batchRow = ++_rowsWritten;
            var interval = facts.IntervalKeys[r];
            var slotTicks = facts.SlotTicks[r];
            if (interval != _lastInterval)
            {
                await EnsureIntervalAsync(interval, slotTicks, cancellationToken);
            }

            var grain = r * grainWidth;
            var fact = r * factWidth;
            _grain[grain] = interval;
            write.BindInt64(fact, interval);
            for (var m = 0; m < members; m++)
            {
                var id = facts.Ids[(r * members) + m];
                var dimension = _members[m].Keys;
                var memberKey = dimension.Resolve(id, facts.Attributes[(r * members) + m], slotTicks)
                    ?? throw NoVersion(batchRow, dimension.Members, id, DimensionKeys.TimeText(slotTicks));
                _grain[grain + 1 + m] = memberKey;
                write.BindInt64(fact + 1 + m, memberKey);
            }

            if (keys is not null)
            {
                var key = r * KeysWidth;
                for (var g = 0; g < grainWidth; g++)
                {
                    keys.BindInt64(key + g, _grain[grain + g]);
                }

                keys.BindInt64(key + grainWidth, batchRow);
            }

            var measure = r * measures;
            for (var i = 0; i < measures; i++)
            {
                if (facts.IsInteger[measure + i])
                {
                    write.BindInt64(fact + grainWidth + i, facts.Integers[measure + i]);
                }
                else
                {
                    write.Bind(fact + grainWidth + i, facts.Others[measure + i]);
                }
            }
        }

        if (keys is not null)
        {
            try
            {
                keys.Step();
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == raw.SQLITE_CONSTRAINT)
            {
                throw Repeated(rows, facts, firstRow, ex);
            }

            write.Step();
            return;
        }

        try
        {
            write.Step();
        }
        catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == raw.SQLITE_CONSTRAINT_PRIMARYKEY)
        {
            // A failed statement undoes its own rows, so the fact holds exactly the batch's earlier buffers.
            throw Repeated(rows, facts, firstRow, ex);
        }
    }

    public void Complete()
    {
        foreach (var (keys, _, _) in _members)
        {
            keys.WriteNames(_connection, _transaction);
        }
    }

    public void Dispose()
    {
        _write.Dispose();
        _keys?.Dispose();
        _insertInterval?.Dispose();
        foreach (var (keys, _, _) in _members)
        {
            keys.Dispose();
        }
    }

    /// <summary>
    /// A measure as the warehouse stores it, without boxing the common cases: integers as INTEGER, decimals as INTEGER
    /// when whole (what NUMERIC affinity would make of their text anyway) and otherwise as invariant text, which NUMERIC
    /// affinity stores as REAL; anything else as <see cref="SqliteDialect.ToDb"/> converts it.
    /// </summary>
    private static void Measure(SqliteFactRows facts, int position, StageColumn<TRow> measure, TRow row)
    {
        if (measure.GetInt64 is { } getInt64)
        {
            if (getInt64(row) is { } integer)
            {
                facts.Integers[position] = integer;
                facts.IsInteger[position] = true;
            }
        }
        else if (measure.GetDecimal is { } getDecimal)
        {
            var value = getDecimal(row);
            if (value == decimal.Truncate(value) && value >= long.MinValue && value <= long.MaxValue)
            {
                facts.Integers[position] = (long)value;
                facts.IsInteger[position] = true;
            }
            else
            {
                facts.Others[position] = SqliteDialect.ToDb(value);
            }
        }
        else
        {
            facts.Others[position] = SqliteDialect.ToDb(measure.Get(row));
        }
    }

    private static InvalidDataException NoVersion(long batchRow, StageMembers members, string id, string time) =>
        BatchRowErrors.Refused(string.Create(CultureInfo.InvariantCulture, $"Row {batchRow} cannot be loaded: {members.IdColumn} '{id}' has no {members.Dimension} version valid at {time} UTC."));

    private MultiRowStatement FactWrite(int rows) =>
        new(
            _connection,
            _firstLoad ? SqliteFirstLoadStatements.FactInsert(_plan, rows) : SqliteStatements.FactUpsert(_plan, rows),
            rows,
            FactWidth,
            ("@source_key", _target.SourceKey),
            ("@load_batch_id", _target.LoadBatchId));

    // Decided once, before any row is written, inside the load transaction (BEGIN IMMEDIATE: no other writer can add a
    // fact to these slots until it ends). A first load is recorded for count_stage and delete_stale_facts.
    private bool IsFirstLoad(UtcWindow window)
    {
        (string, long)[] scope =
            [("@source_key", _target.SourceKey), ("@from_key", IntervalKey.FromUtc(window.StartUtc)), ("@to_key", IntervalKey.FromUtc(window.EndUtc))];
        if (Scalar(SqliteFirstLoadStatements.HoldsFacts(_plan), scope) != 0 || !HasRowid())
        {
            return false;
        }

        using var record = _connection.CreateCommand();
        record.Transaction = _transaction;
        record.CommandText = SqliteFirstLoadStatements.RecordFirstLoad(_plan);
        foreach (var (name, value) in scope)
        {
            record.Parameters.AddWithValue(name, value);
        }

        record.ExecuteNonQuery();
        return true;
    }

    private bool HasRowid()
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = SqliteFirstLoadStatements.HasRowid;
        command.Parameters.AddWithValue("@fact", _plan.Fact);
        return (long)command.ExecuteScalar()! == 1;
    }

    private long Scalar(string sql, params (string Name, long Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)command.ExecuteScalar()!;
    }

    private MultiRowStatement KeysInsert(int rows) => new(_connection, SqliteStatements.KeysInsert(_plan, rows), rows, KeysWidth);

    // A new slot: its dim_interval row, inserted on the slot's first row so that the fact's foreign key holds from the
    // first upsert. One command, prepared on the first slot and bound again for each later one.
    private async Task EnsureIntervalAsync(long interval, long slotTicks, CancellationToken cancellationToken)
    {
        _lastInterval = interval;
        if (!_intervals.Add(interval))
        {
            return;
        }

        var parameters = _target.Calendar.Parameters(new DateTime(slotTicks, DateTimeKind.Utc));
        if (_insertInterval is null)
        {
            _insertInterval = DbCommands.Create(_dialect, _connection, _transaction, _dialect.Sql.InsertInterval, parameters);
            await _insertInterval.PrepareAsync(cancellationToken);
        }
        else
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                _insertInterval.Parameters[parameters[i].Name].Value = SqliteDialect.ToDb(parameters[i].Value) ?? DBNull.Value;
            }
        }

        await _insertInterval.ExecuteNonQueryAsync(cancellationToken);
    }

    // The keys table (or on a first load, the fact's primary key) refused a grain: find the first row of the buffer that
    // repeats an earlier one (in this buffer or before it) and name both rows by their ids, as a reader of the file knows
    // them. An earlier buffer's row is found in the keys table by its grain, or on a first load in the fact, whose rowid
    // says which batch row it was (SqliteFirstLoadStatements.LastRowid).
    private InvalidDataException Repeated(TRow[] rows, SqliteFactRows facts, long firstRow, SqliteException failure)
    {
        var grain = _plan.Grain;
        using var lookup = _connection.CreateCommand();
        lookup.Transaction = _transaction;
        lookup.CommandText = _firstLoad ? SqliteFirstLoadStatements.SelectFactRowid(_plan) : SqliteStatements.SelectKeyRow(_plan);
        if (_firstLoad)
        {
            lookup.Parameters.AddWithValue("@source_key", _target.SourceKey);
        }

        var parameters = grain.Select(k => lookup.Parameters.Add("@" + k, SqliteType.Integer)).ToArray();
        var inBuffer = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var r = 0; r < rows.Length; r++)
        {
            var values = _grain.AsSpan(r * grain.Count, grain.Count).ToArray();
            var key = string.Join(',', values);
            long? earlier = inBuffer.TryGetValue(key, out var row) ? row : null;
            if (earlier is null)
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].Value = values[i];
                }

                earlier = lookup.ExecuteScalar() is long stored ? (_firstLoad ? stored - _lastRowidBefore : stored) : null;
            }

            if (earlier is { } first)
            {
                var ids = _members.Select((m, i) => $"{m.Id.Name}={facts.Ids[(r * _members.Length) + i]}").Append($"interval_key={values[0]}");
                return BatchRowErrors.Refused(string.Create(
                    CultureInfo.InvariantCulture, $"The batch carries the same key more than once: {string.Join(", ", ids)} (data rows {first} and {firstRow + r})."));
            }

            inBuffer[key] = firstRow + r;
        }

        return BatchRowErrors.Refused("The batch carries the same key more than once: " + failure.Message, failure);
    }
}
