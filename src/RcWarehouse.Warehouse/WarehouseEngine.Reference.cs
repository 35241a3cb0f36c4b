using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Reference;
using RcWarehouse.Warehouse.Publishing;
using RcWarehouse.Warehouse.Reference;

namespace RcWarehouse.Warehouse;

/// <summary>Reference snapshots into the type-2 dimensions and bridges (see <see cref="IReferenceWarehouse"/>).</summary>
internal sealed partial class WarehouseEngine : IReferenceWarehouse
{
    public const string ReferenceReport = "reference";

    // The validity the publish step gives inferred members: a member first seen in reference data is as old as its
    // history, so facts loaded for earlier days still find it.
    private static readonly DateTime OpenFrom = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime OpenUntil = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    public async Task<ReferenceLoadResult> LoadReferenceAsync(ReferenceSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (string.IsNullOrWhiteSpace(snapshot.SourceId))
        {
            throw new ArgumentException("The snapshot needs a source (the RingCX sub-account id).", nameof(snapshot));
        }

        if (snapshot.AsOfUtc.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("The snapshot's AsOfUtc is a local time; it must be UTC.", nameof(snapshot));
        }

        // Both engines keep milliseconds; rounding first makes the stored instant and the compared one the same.
        var asOf = new DateTime(snapshot.AsOfUtc.Ticks - snapshot.AsOfUtc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        var plan = ReferencePlan.From(snapshot);

        // The snapshot is in memory: a transient failure loads it again as a new batch, as report loads do.
        return await _transientRetry.ExecuteAsync(async token => await LoadReferenceOnceAsync(snapshot, asOf, plan, token), cancellationToken);
    }

    private async Task<ReferenceLoadResult> LoadReferenceOnceAsync(ReferenceSnapshot snapshot, DateTime asOf, ReferencePlan plan, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        var (loadBatchId, sourceKey) = await BeginReferenceBatchAsync(connection, snapshot, asOf, cancellationToken);
        var rowsRead = plan.Agents.Count + plan.Queues.Count;
        try
        {
            var result = await ApplyReferenceAsync(connection, snapshot.SourceId, loadBatchId, sourceKey, asOf, plan, rowsRead, cancellationToken);
            _logger.LogInformation(
                "Reference batch {LoadBatchId} (source {SourceId}, as of {AsOf:O}): {Changes} changes ({AgentsAdded} agents added, {AgentsVersioned} versioned, {AgentsCompleted} completed; {QueuesAdded} queues added, {QueuesVersioned} versioned; {SegmentsResolved} segments resolved){Stale}",
                loadBatchId, snapshot.SourceId, asOf, result.Changes, result.AgentsAdded, result.AgentsVersioned, result.AgentsCompleted,
                result.QueuesAdded, result.QueuesVersioned, result.SegmentsResolved, result.Stale ? "; skipped as older than the last one applied" : string.Empty);
            return result;
        }
        catch (Exception ex)
        {
            await RecordFailureAsync(loadBatchId, rowsRead, ex);
            throw;
        }
    }

    private async Task<(long LoadBatchId, int SourceKey)> BeginReferenceBatchAsync(DbConnection connection, ReferenceSnapshot snapshot, DateTime asOf, CancellationToken cancellationToken)
    {
        await using var transaction = await _dialect.BeginTransactionAsync(connection, cancellationToken);
        long loadBatchId;
        int sourceKey;
        await using (var command = DbCommands.Create(
            _dialect,
            connection,
            transaction,
            _dialect.Sql.BeginBatch,
            ("@sub_account_id", snapshot.SourceId),
            ("@source_name", string.IsNullOrWhiteSpace(snapshot.SourceName) ? null : snapshot.SourceName),
            ("@report", ReferenceReport),
            ("@window_start_utc", asOf),
            ("@window_end_utc", asOf),
            ("@landed_file", null),
            ("@sha256", null),
            ("@started_utc", Now())))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("Recording the reference batch returned no id.");
            }

            loadBatchId = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            sourceKey = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        // Like report batches, so that a reference batch left running by a dead process is found and closed.
        await ClaimBatchAsync(connection, transaction, loadBatchId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (loadBatchId, sourceKey);
    }

    private async Task<ReferenceLoadResult> ApplyReferenceAsync(
        DbConnection connection, string sourceId, long loadBatchId, int sourceKey, DateTime asOf, ReferencePlan plan, int rowsRead, CancellationToken cancellationToken)
    {
        var sql = _dialect.Sql.Reference;
        await using var transaction = await _dialect.BeginTransactionAsync(connection, cancellationToken);
        var run = new ReferenceRun(this, connection, transaction, sourceKey, asOf);

        await AcquirePublishLocksAsync(connection, transaction, sourceId, ReferenceReport, DimensionsLockMode.Exclusive, cancellationToken);

        var counts = new ReferenceCounts();
        var lastAsOf = await run.ScalarUtcAsync(sql.LastAsOf, cancellationToken, ("@source_key", sourceKey));
        var stale = lastAsOf is { } last && asOf < last;
        if (!stale)
        {
            await ApplyAgentsAsync(run, sql, plan.Agents, counts, cancellationToken);
            await ApplyQueuesAsync(run, sql, plan.Queues, counts, cancellationToken);
            counts.SegmentsResolved = await run.ExecuteAsync(sql.ResolveSegmentAgents, cancellationToken, ("@source_key", sourceKey));
        }
        else
        {
            _logger.LogWarning(
                "Reference snapshot of {SourceId} as of {AsOf:O} is older than the one applied last ({Last:O}); it changes nothing",
                sourceId, asOf, lastAsOf);
        }

        await FinishBatchAsync(
            connection,
            transaction,
            loadBatchId,
            [
                ("@load_batch_id", loadBatchId), ("@rows_read", (long)rowsRead), ("@rows_loaded", (long)counts.Total),
                ("@window_start_utc", asOf), ("@window_end_utc", asOf), ("@finished_utc", Now()),
            ],
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return counts.ToResult(loadBatchId, asOf, stale);
    }

    private static async Task ApplyAgentsAsync(ReferenceRun run, ReferenceSql sql, IReadOnlyList<AgentAttributes> agents, ReferenceCounts counts, CancellationToken cancellationToken)
    {
        var openLinks = await run.ReadOpenPairsAsync(sql.SelectAgentSupervisors, cancellationToken);
        var current = new Dictionary<string, (long Key, bool IsInferred, DateTime ValidFrom, AgentAttributes Attributes)>(StringComparer.Ordinal);
        await using (var command = run.Command(sql.SelectAgents, ("@source_key", run.SourceKey)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var agentId = reader.GetString(1);
                var attributes = new AgentAttributes(
                    agentId, Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5), Text(reader, 6), Text(reader, 7), Text(reader, 8),
                    Text(reader, 9), Text(reader, 10), Convert.ToBoolean(reader.GetValue(11), CultureInfo.InvariantCulture),
                    openLinks.TryGetValue(agentId, out var links) ? links.Keys.ToHashSet(StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal));
                current[agentId] = (
                    Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                    Convert.ToBoolean(reader.GetValue(12), CultureInfo.InvariantCulture),
                    run.ReadUtc(reader, 13),
                    attributes);
            }
        }

        foreach (var agent in agents)
        {
            var links = openLinks.GetValueOrDefault(agent.AgentId) ?? [];
            if (!current.TryGetValue(agent.AgentId, out var existing))
            {
                await run.ScalarAsync(sql.InsertAgent, cancellationToken, AgentParameters(run, agent, OpenFrom));
                counts.SupervisorLinksChanged += await SyncPairsAsync(run, sql.CloseAgentSupervisor, sql.InsertAgentSupervisor, "@agent_id", agent.AgentId, "@supervisor_agent_id", links, agent.SupervisorAgentIds, OpenFrom, cancellationToken);
                counts.AgentsAdded++;
                continue;
            }

            if (existing.IsInferred)
            {
                // Facts already point at this key: completing it in place gives them the real names, whatever day they are.
                await run.ExecuteAsync(sql.CompleteAgent, cancellationToken, [("@agent_key", existing.Key), .. AgentValues(agent)]);
                counts.SupervisorLinksChanged += await SyncPairsAsync(run, sql.CloseAgentSupervisor, sql.InsertAgentSupervisor, "@agent_id", agent.AgentId, "@supervisor_agent_id", links, agent.SupervisorAgentIds, existing.ValidFrom, cancellationToken);
                counts.AgentsCompleted++;
                continue;
            }

            if (!existing.Attributes.SameIdentityAs(agent))
            {
                await run.ExecuteAsync(
                    sql.UpdateAgentIdentity,
                    cancellationToken,
                    ("@source_key", run.SourceKey), ("@agent_id", agent.AgentId), ("@rc_user_id", agent.RcUserId), ("@user_name", agent.UserName), ("@email", agent.Email));
                counts.AgentsUpdated++;
            }

            if (existing.Attributes.SameVersionAs(agent))
            {
                continue;
            }

            if (existing.ValidFrom >= run.AsOf)
            {
                // Only a different snapshot with the very same instant gets here; versions cannot be zero-length.
                run.Warn("agent", agent.AgentId, existing.ValidFrom);
                continue;
            }

            await run.ExecuteAsync(sql.CloseAgent, cancellationToken, ("@agent_key", existing.Key), ("@as_of_utc", run.AsOf));
            var newKey = await run.ScalarAsync(sql.InsertAgent, cancellationToken, AgentParameters(run, agent, run.AsOf));
            await run.ExecuteAsync(sql.RepointAgentFacts, cancellationToken, run.RepointParameters(existing.Key, newKey, withSegments: true));
            counts.SupervisorLinksChanged += await SyncPairsAsync(run, sql.CloseAgentSupervisor, sql.InsertAgentSupervisor, "@agent_id", agent.AgentId, "@supervisor_agent_id", links, agent.SupervisorAgentIds, run.AsOf, cancellationToken);
            counts.AgentsVersioned++;
        }
    }

    private static async Task ApplyQueuesAsync(ReferenceRun run, ReferenceSql sql, IReadOnlyList<QueueAttributes> queues, ReferenceCounts counts, CancellationToken cancellationToken)
    {
        var openMembers = await run.ReadOpenPairsAsync(sql.SelectQueueAgents, cancellationToken);
        var current = new Dictionary<string, (long Key, bool IsInferred, DateTime ValidFrom, QueueAttributes Attributes)>(StringComparer.Ordinal);
        await using (var command = run.Command(sql.SelectQueues, ("@source_key", run.SourceKey)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var queueId = reader.GetString(1);
                var attributes = new QueueAttributes(
                    queueId, Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5), Convert.ToBoolean(reader.GetValue(6), CultureInfo.InvariantCulture),
                    new HashSet<string>(StringComparer.Ordinal));
                current[queueId] = (
                    Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                    Convert.ToBoolean(reader.GetValue(7), CultureInfo.InvariantCulture),
                    run.ReadUtc(reader, 8),
                    attributes);
            }
        }

        foreach (var queue in queues)
        {
            var members = openMembers.GetValueOrDefault(queue.QueueId) ?? [];

            // A membership that starts with the queue's first known version is as old as the queue; later ones start now.
            DateTime membershipFrom;
            if (!current.TryGetValue(queue.QueueId, out var existing))
            {
                await run.ScalarAsync(sql.InsertQueue, cancellationToken, QueueParameters(run, queue, OpenFrom));
                counts.QueuesAdded++;
                membershipFrom = OpenFrom;
            }
            else if (existing.IsInferred)
            {
                await run.ExecuteAsync(sql.CompleteQueue, cancellationToken, [("@queue_key", existing.Key), .. QueueValues(queue)]);
                counts.QueuesCompleted++;
                membershipFrom = existing.ValidFrom;
            }
            else
            {
                membershipFrom = run.AsOf;
                if (!existing.Attributes.SameVersionAs(queue))
                {
                    if (existing.ValidFrom >= run.AsOf)
                    {
                        run.Warn("queue", queue.QueueId, existing.ValidFrom);
                    }
                    else
                    {
                        await run.ExecuteAsync(sql.CloseQueue, cancellationToken, ("@queue_key", existing.Key), ("@as_of_utc", run.AsOf));
                        var newKey = await run.ScalarAsync(sql.InsertQueue, cancellationToken, QueueParameters(run, queue, run.AsOf));
                        await run.ExecuteAsync(sql.RepointQueueFacts, cancellationToken, run.RepointParameters(existing.Key, newKey, withSegments: false));
                        counts.QueuesVersioned++;
                    }
                }
            }

            counts.QueueMembershipsChanged += await SyncPairsAsync(
                run, sql.CloseQueueAgent, sql.InsertQueueAgent, "@queue_id", queue.QueueId, "@agent_id", members, queue.AgentIds, membershipFrom, cancellationToken);
        }
    }

    /// <summary>
    /// Closes the open bridge rows the snapshot no longer has (at the as-of instant) and opens the ones it adds (from
    /// <paramref name="validFrom"/>). A row opened at or after the as-of instant cannot be closed there; it is left.
    /// </summary>
    private static async Task<int> SyncPairsAsync(
        ReferenceRun run,
        NamedSql close,
        NamedSql insert,
        string ownerParameter,
        string ownerId,
        string memberParameter,
        Dictionary<string, DateTime> open,
        IReadOnlySet<string> wanted,
        DateTime validFrom,
        CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var (member, openedAt) in open.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (wanted.Contains(member))
            {
                continue;
            }

            if (openedAt >= run.AsOf)
            {
                run.Warn("membership " + ownerId, member, openedAt);
                continue;
            }

            changed += await run.ExecuteAsync(close, cancellationToken, ("@source_key", run.SourceKey), (ownerParameter, ownerId), (memberParameter, member), ("@as_of_utc", run.AsOf), ("@open_until", OpenUntil));
        }

        foreach (var member in wanted.Where(m => !open.ContainsKey(m)).Order(StringComparer.Ordinal))
        {
            changed += await run.ExecuteAsync(insert, cancellationToken, ("@source_key", run.SourceKey), (ownerParameter, ownerId), (memberParameter, member), ("@valid_from_utc", validFrom), ("@open_until", OpenUntil));
        }

        return changed;
    }

    private static (string, object?)[] AgentParameters(ReferenceRun run, AgentAttributes agent, DateTime validFrom) =>
        [("@source_key", run.SourceKey), ("@agent_id", agent.AgentId), .. AgentValues(agent), ("@valid_from_utc", validFrom), ("@open_until", OpenUntil)];

    private static (string, object?)[] AgentValues(AgentAttributes agent) =>
    [
        ("@rc_user_id", agent.RcUserId), ("@first_name", agent.FirstName), ("@last_name", agent.LastName), ("@agent_name", agent.AgentName),
        ("@user_name", agent.UserName), ("@email", agent.Email), ("@agent_type", agent.AgentType), ("@agent_group_id", agent.AgentGroupId),
        ("@agent_group_name", agent.AgentGroupName), ("@is_active", agent.IsActive),
    ];

    private static (string, object?)[] QueueParameters(ReferenceRun run, QueueAttributes queue, DateTime validFrom) =>
        [("@source_key", run.SourceKey), ("@queue_id", queue.QueueId), .. QueueValues(queue), ("@valid_from_utc", validFrom), ("@open_until", OpenUntil)];

    private static (string, object?)[] QueueValues(QueueAttributes queue) =>
    [
        ("@queue_name", queue.QueueName), ("@queue_group_id", queue.QueueGroupId), ("@queue_group_name", queue.QueueGroupName),
        ("@queue_type", queue.QueueType), ("@is_active", queue.IsActive),
    ];

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>The connection, transaction and instant one reference load works with.</summary>
    private sealed class ReferenceRun(WarehouseEngine engine, DbConnection connection, DbTransaction transaction, int sourceKey, DateTime asOf)
    {
        public int SourceKey => sourceKey;

        public DateTime AsOf => asOf;

        public DbCommand Command(NamedSql sql, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
            DbCommands.Create(engine._dialect, connection, transaction, sql, parameters);

        public async Task<int> ExecuteAsync(NamedSql sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
            await DbCommands.ExecuteAsync(engine._dialect, connection, transaction, sql, parameters, cancellationToken);

        public async Task<long> ScalarAsync(NamedSql sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        {
            await using var command = Command(sql, parameters);
            var value = await command.ExecuteScalarAsync(cancellationToken);
            return Convert.ToInt64(value, CultureInfo.InvariantCulture);
        }

        public async Task<DateTime?> ScalarUtcAsync(NamedSql sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        {
            await using var command = Command(sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0) ? engine._dialect.ReadUtc(reader, 0) : null;
        }

        public DateTime ReadUtc(DbDataReader reader, int ordinal) => engine._dialect.ReadUtc(reader, ordinal);

        /// <summary>Open bridge rows as owner → (member → valid_from).</summary>
        public async Task<Dictionary<string, Dictionary<string, DateTime>>> ReadOpenPairsAsync(NamedSql sql, CancellationToken cancellationToken)
        {
            var pairs = new Dictionary<string, Dictionary<string, DateTime>>(StringComparer.Ordinal);
            await using var command = Command(sql, ("@source_key", sourceKey), ("@open_until", OpenUntil));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var owner = reader.GetString(0);
                if (!pairs.TryGetValue(owner, out var members))
                {
                    pairs[owner] = members = new Dictionary<string, DateTime>(StringComparer.Ordinal);
                }

                members[reader.GetString(1)] = engine._dialect.ReadUtc(reader, 2);
            }

            return pairs;
        }

        /// <summary>Facts of slots starting at or after the as-of instant belong to the new version (point in time).</summary>
        /// <param name="oldKey">The version just closed.</param>
        /// <param name="newKey">The version just opened.</param>
        /// <param name="withSegments">Agents also repoint segments, which are placed by their start instant rather than their slot.</param>
        public (string, object?)[] RepointParameters(long oldKey, long newKey, bool withSegments)
        {
            var firstSlot = IntervalKey.IsSlotStart(asOf) ? asOf : IntervalKey.SlotStart(asOf).AddMinutes(IntervalKey.SlotMinutes);
            (string, object?)[] parameters = [("@source_key", sourceKey), ("@old_key", oldKey), ("@new_key", newKey), ("@from_key", IntervalKey.FromUtc(firstSlot))];
            return withSegments ? [.. parameters, ("@as_of_utc", asOf)] : parameters;
        }

        public void Warn(string what, string id, DateTime since) =>
            engine._logger.LogWarning(
                "Reference load of source key {SourceKey} as of {AsOf:O}: {What} {Id} changed but its current state only began at {Since:O}; left as it is",
                sourceKey, asOf, what, id, since);
    }

    private sealed class ReferenceCounts
    {
        public int AgentsAdded { get; set; }

        public int AgentsVersioned { get; set; }

        public int AgentsCompleted { get; set; }

        public int AgentsUpdated { get; set; }

        public int QueuesAdded { get; set; }

        public int QueuesVersioned { get; set; }

        public int QueuesCompleted { get; set; }

        public int SupervisorLinksChanged { get; set; }

        public int QueueMembershipsChanged { get; set; }

        public int SegmentsResolved { get; set; }

        public int Total =>
            AgentsAdded + AgentsVersioned + AgentsCompleted + AgentsUpdated + QueuesAdded + QueuesVersioned + QueuesCompleted
            + SupervisorLinksChanged + QueueMembershipsChanged + SegmentsResolved;

        public ReferenceLoadResult ToResult(long loadBatchId, DateTime asOf, bool stale) => new(
            loadBatchId, asOf, stale, AgentsAdded, AgentsVersioned, AgentsCompleted, AgentsUpdated, QueuesAdded, QueuesVersioned,
            QueuesCompleted, SupervisorLinksChanged, QueueMembershipsChanged, SegmentsResolved);
    }
}
