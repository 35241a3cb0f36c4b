using System.Data.Common;
using Microsoft.Data.SqlClient;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.AgentExtended;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>
/// The publish protocol's guarantees that hold between sessions: loaders of different sources side by side past lock
/// escalation, ids that differ only in case, texts too long for their column, a publish blocked past LOCK_TIMEOUT.
/// Every test runs on both engines where the behaviour is shared (SQLite serialises writers; SQL Server must not
/// deadlock or lose a batch).
/// </summary>
[Collection(WarehouseCollectionDefinition.Name)]
public sealed class WarehouseSqlServerPublishTests(WarehouseFixture fixture)
{
    private const int RowsPerSource = 6_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TwoSourcesLoadingAtOnce_EndAsWhenLoadedOneAfterTheOther(WarehouseProvider provider)
    {
        // Given two sources, each with more rows than SQL Server's lock escalation threshold (5,000), on disjoint windows
        var warehouse = await fixture.GetAsync(provider);
        var parallel = new[] { NewSource("par"), NewSource("par") };
        var sequential = new[] { NewSource("seq"), NewSource("seq") };

        // When two load at the same time and two others (same rows) one after the other
        var results = await Task.WhenAll(parallel.Select((source, i) => LoadManyAsync(warehouse, source, i)));
        foreach (var (source, i) in sequential.Select((s, i) => (s, i)))
        {
            await LoadManyAsync(warehouse, source, i);
        }

        // Then every load published every row, and each parallel source holds exactly what its sequential twin holds
        Assert.All(results, r => Assert.Equal(RowsPerSource, r.RowsLoaded));
        for (var i = 0; i < parallel.Length; i++)
        {
            Assert.Equal(await FactsAsync(warehouse, sequential[i]), await FactsAsync(warehouse, parallel[i]));
            // (a deadlock victim or lock timeout on the way is a failed batch followed by its successful retry)
            var batches = await warehouse.Warehouse.GetBatchesAsync(parallel[i], 10, Ct);
            Assert.Equal("succeeded", batches[0].Status);
            Assert.All(batches.Skip(1), b => Assert.Matches("deadlock|Lock request time out", b.Error ?? string.Empty));
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task IdsThatDifferOnlyInCase_AreDifferentMembers(WarehouseProvider provider)
    {
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("case");

        await warehouse.Warehouse.LoadAsync(
            Request(source, ReportKind.AgentExtended, Window(9, 10)),
            Stream([Agent("a1", "Q1", At(9, 0), answered: 1), Agent("A1", "Q1", At(9, 0), answered: 2), Agent("A1", "q1", At(9, 0), answered: 3)]),
            Ct);

        Assert.Equal(["A1", "a1"], (await warehouse.QueryAsync(
            "SELECT a.agent_id FROM {dim_agent} AS a INNER JOIN {dim_source} AS s ON s.source_key = a.source_key WHERE s.sub_account_id = @source ORDER BY a.agent_key", Ct, ("@source", source)))
            .Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
        Assert.Equal(3, await warehouse.CountAsync("SELECT COUNT(*) FROM {fact_agent_queue_interval} AS f INNER JOIN {dim_source} AS s ON s.source_key = f.source_key WHERE s.sub_account_id = @source", Ct, ("@source", source)));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TextLongerThanItsColumn_IsRefusedWithoutItsValue(WarehouseProvider provider)
    {
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("long");
        var name = "Private Person " + new string('x', 250);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => warehouse.Warehouse.LoadAsync(
            Request(source, ReportKind.AgentExtended, Window(9, 10)),
            Stream([Agent("A1", "Q1", At(9, 0)), Agent("A2", "Q1", At(9, 0), agentName: name)]),
            Ct));

        Assert.Contains("Row 2 cannot be loaded: agent_name is 265 characters long; its column holds at most 256", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Private Person", ex.Message, StringComparison.Ordinal);
        var batch = (await warehouse.Warehouse.GetBatchesAsync(source, 1, Ct)).Single();
        Assert.Equal("failed", batch.Status);
        Assert.DoesNotContain("Private Person", batch.Error, StringComparison.Ordinal);
        Assert.Equal(0, await warehouse.CountAsync("SELECT COUNT(*) FROM {dim_agent} AS a INNER JOIN {dim_source} AS s ON s.source_key = a.source_key WHERE s.sub_account_id = @source", Ct, ("@source", source)));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ReferenceBatches_ClaimAnOwner(WarehouseProvider provider)
    {
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("refown");

        var result = await warehouse.Warehouse.LoadReferenceAsync(Dimensions.ReferenceData.Snapshot(source, At(6, 0), Dimensions.ReferenceData.RedTeam()), Ct);

        var owners = await warehouse.QueryAsync(
            $"SELECT o.owner FROM {(provider == WarehouseProvider.Sqlite ? "batch_owner" : "etl.batch_owner")} AS o WHERE o.load_batch_id = @id", Ct, ("@id", result.LoadBatchId));
        Assert.Contains($"/{Environment.ProcessId}/", (string)Assert.Single(owners)[0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishBlockedPastTheLockTimeout_IsLoadedAgainAsANewBatch()
    {
        // Given another session holding an exclusive lock on the queue fact table, and an engine whose statements wait at
        // most a second for a lock; the other session lets go only when the second attempt begins its publish
        var shared = await fixture.GetAsync(WarehouseProvider.SqlServer);
        var source = NewSource("blocked");
        await using var blocker = new SqlConnection(fixture.SqlServerConnectionString);
        await blocker.OpenAsync(Ct);
        DbTransaction? holding = await blocker.BeginTransactionAsync(Ct);
        await using (var take = blocker.CreateCommand())
        {
            take.Transaction = (SqlTransaction)holding;
            take.CommandText = "SELECT COUNT(*) FROM dw.fact_queue_interval WITH (TABLOCKX, HOLDLOCK);";
            await take.ExecuteScalarAsync(Ct);
        }

        var warehouse = await fixture.CreateFaultingAsync(
            WarehouseProvider.SqlServer,
            async attempt =>
            {
                if (attempt == 2 && holding is not null)
                {
                    await holding.RollbackAsync(Ct);
                    holding = null;
                }
            },
            options => options.LockTimeout = TimeSpan.FromSeconds(1));

        // When a batch publishes queue stats
        var result = await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(10, 11)), Stream([Queue("Q1", At(10, 0))]), Ct);

        // Then the first attempt failed on the lock timeout (1222) and the second published
        Assert.Equal(1, result.RowsLoaded);
        var batches = await shared.Warehouse.GetBatchesAsync(source, 10, Ct);
        Assert.Equal(["succeeded", "failed"], batches.Select(b => b.Status));
        Assert.Contains("Lock request time out period exceeded", batches[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APublishLockHeldPastPublishLockTimeout_FailsTheBatchSayingWhichLockAndWhichSetting()
    {
        // Given another session holding the (source, report) publish lock, as a long publish of the same report would
        var shared = await fixture.GetAsync(WarehouseProvider.SqlServer);
        var source = NewSource("applock");
        await using var holder = new SqlConnection(fixture.SqlServerConnectionString);
        await holder.OpenAsync(Ct);
        await using var holding = (SqlTransaction)await holder.BeginTransactionAsync(Ct);
        await using (var take = holder.CreateCommand())
        {
            take.Transaction = holding;
            take.CommandText = "EXEC sys.sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Transaction';";
            take.Parameters.AddWithValue("@resource", $"rcwarehouse/publish/{source}/{ReportKind.QueueStats.ToName()}");
            await take.ExecuteNonQueryAsync(Ct);
        }

        var warehouse = await fixture.CreateFaultingAsync(WarehouseProvider.SqlServer, _ => Task.CompletedTask, options => options.PublishLockTimeout = TimeSpan.FromSeconds(1));

        // When a batch of that source and report publishes
        var error = await Assert.ThrowsAsync<SqlException>(() => warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(10, 11)), Stream([Queue("Q1", At(10, 0))]), Ct));

        // Then it fails (not retried: the holder is a load, not a transient), naming the lock and the setting, and status shows it
        var expected = $"Could not take the publish lock rcwarehouse/publish/{source}/{ReportKind.QueueStats.ToName()}: another load of the source held it for longer than Warehouse:PublishLockTimeout (1000 ms).";
        Assert.Equal(expected, error.Message);
        var batch = Assert.Single(await shared.Warehouse.GetBatchesAsync(source, 10, Ct));
        Assert.Equal("failed", batch.Status);
        Assert.Equal(expected, batch.Error);
    }

    [Fact]
    public async Task Migrate_CreatesQuartzTablesInTheirOwnSchema()
    {
        var warehouse = await fixture.GetAsync(WarehouseProvider.SqlServer);

        var tables = await warehouse.QueryAsync("SELECT t.name FROM sys.tables AS t WHERE t.schema_id = SCHEMA_ID(N'quartz')", Ct);

        var names = tables.Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("QRTZ_JOB_DETAILS", names);
        Assert.Contains("QRTZ_TRIGGERS", names);
        Assert.Contains("QRTZ_LOCKS", names);
        Assert.Contains("QRTZ_SCHEDULER_STATE", names);
        Assert.Equal(0, await warehouse.CountAsync("SELECT COUNT(*) FROM sys.tables AS t WHERE t.schema_id = SCHEMA_ID(N'dbo') AND t.name LIKE N'QRTZ[_]%'", Ct));
    }

    private static Task<LoadResult> LoadManyAsync(TestWarehouse warehouse, string source, int day)
    {
        // 100 agents x 60 slots = 6,000 rows over 15 hours of the source's own day.
        var start = Day.AddDays(10 + day);
        var rows = Enumerable.Range(0, RowsPerSource).Select(i => new AgentExtendedRow
        {
            IntervalStartUtc = start.AddMinutes(15 * (i / 100)),
            IntervalMinutes = 15,
            AgentId = "A" + (i % 100),
            AgentName = "Agent " + (i % 100),
            QueueId = "Q" + (i % 7),
            QueueName = "Queue " + (i % 7),
            TalkingCallDurSec = i,
            WrapUpDurSec = 1.5m,
            AnswCallCnt = i % 13,
            TransferOutCallCnt = 1,
        });
        return warehouse.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, null), Stream(rows), Ct);
    }

    // The source's facts by ids rather than keys (keys differ between sources), as sorted text.
    private static async Task<string> FactsAsync(TestWarehouse warehouse, string source)
    {
        var rows = await warehouse.QueryAsync(
            """
            SELECT a.agent_id, q.queue_id, f.interval_key, f.talking_call_dur_sec, f.answ_call_cnt
            FROM {fact_agent_queue_interval} AS f
            INNER JOIN {dim_source} AS s ON s.source_key = f.source_key
            INNER JOIN {dim_agent} AS a ON a.agent_key = f.agent_key
            INNER JOIN {dim_queue} AS q ON q.queue_key = f.queue_key
            WHERE s.sub_account_id = @source
            """,
            Ct,
            ("@source", source));
        Assert.Equal(RowsPerSource, rows.Count);
        return string.Join("\n", rows.Select(r => string.Join("|", r.Select(Engines.Text))).Order(StringComparer.Ordinal));
    }
}
