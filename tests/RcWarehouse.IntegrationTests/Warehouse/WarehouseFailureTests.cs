using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.AgentExtended;
using RcWarehouse.Core.Reports.QueueStats;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Warehouse;

[Collection(WarehouseCollectionDefinition.Name)]
public sealed class WarehouseFailureTests(WarehouseFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EnumeratorThatThrowsMidway_LoadsNothingAndRecordsTheFailure(WarehouseProvider provider)
    {
        // Given a published hour for Q1
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("boom");
        await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(10, 11)), Stream([Queue("Q1", At(10, 0))]), Ct);
        var before = await warehouse.DumpAsync(Ct);

        // When a reload of that hour (new values, new queues) fails while the parser is at row 1,201
        var ex = await Assert.ThrowsAsync<InvalidDataException>(
            () => warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(10, 11)), ThrowAfter(1_200), Ct));

        // Then the caller sees the parser's exception, nothing in the warehouse moved (no facts, no inferred queues, no
        // intervals), and the batch is recorded as failed with the message
        Assert.Equal("report.json:1202: bad number in field 'answCallCnt'", ex.Message);
        Assert.Equal(before, await warehouse.DumpAsync(Ct));
        var failed = (await warehouse.Warehouse.GetBatchesAsync(source, 10, Ct))[0];
        Assert.Equal("failed", failed.Status);
        Assert.Equal(ex.Message, failed.Error);
        Assert.Equal(1_200, failed.RowsRead);
        Assert.Equal(0, failed.RowsLoaded);
        Assert.NotNull(failed.FinishedUtc);
        Assert.Equal(0, await warehouse.CountAsync("SELECT COUNT(*) FROM " + Stage(warehouse, "queue_stats"), Ct));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task DuplicateGrainRows_FailTheBatchNamingTheKeys(WarehouseProvider provider)
    {
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("dup");
        AgentExtendedRow[] rows = [Agent("A1", "Q1", At(9, 0)), Agent("A2", "Q1", At(9, 0)), Agent("A1", "Q1", At(9, 0), answered: 3)];

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => warehouse.Warehouse.LoadAsync(Request(source, ReportKind.AgentExtended, null), Stream(rows), Ct));

        // SQL Server counts the copies in its stage; SQLite refuses the second copy as it arrives and names both rows.
        var detail = provider == WarehouseProvider.Sqlite ? "(data rows 1 and 3)" : "(2 rows)";
        Assert.Contains("agent_id=A1, queue_id=Q1, interval_key=202601050900 " + detail, ex.Message, StringComparison.Ordinal);
        Assert.Equal("failed", (await warehouse.Warehouse.GetBatchesAsync(source, 1, Ct))[0].Status);
        Assert.Equal(0, await warehouse.CountAsync("SELECT COUNT(*) FROM {dim_agent} AS a INNER JOIN {dim_source} AS s ON s.source_key = a.source_key WHERE s.sub_account_id = @source", Ct, ("@source", source)));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RepeatedSegment_IsRefusedByTheStageIndexNamingTheFileAndKeysNeverAValue(WarehouseProvider provider)
    {
        // Given a published segment, and a reload of its hour that carries segment I1/1 twice
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("segdup");
        await warehouse.Warehouse.LoadAsync(Request(source, ReportKind.Segments, Window(9, 10)), Stream([Segment("I1", "1", At(9, 0))]), Ct);
        var before = await warehouse.DumpAsync(Ct);
        var request = Request(source, ReportKind.Segments, Window(9, 10));

        // When it is loaded
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => warehouse.Warehouse.LoadAsync(
            request,
            Stream([Segment("I1", "1", At(9, 0), disposition: "NO_SALE"), Segment("I2", "1", At(9, 15)), Segment("I1", "1", At(9, 30), disposition: "CALLBACK")]),
            Ct));

        // Then both engines refuse it with the same words (the file, the repeated keys and how many copies), never a
        // field's value, nothing published moved, and status shows the failed batch with that message
        Assert.Equal($"{request.LandedFile}: The batch carries the same key more than once: interaction_id=I1, segment_id=1 (2 rows).", ex.Message);
        Assert.DoesNotContain("CALLBACK", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("+1555", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await warehouse.DumpAsync(Ct));
        var failed = (await warehouse.Warehouse.GetBatchesAsync(source, 1, Ct))[0];
        Assert.Equal("failed", failed.Status);
        Assert.Equal(ex.Message, failed.Error);
        Assert.Equal(3, failed.RowsRead);
        Assert.Equal(0, failed.RowsLoaded);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RowOutsideTheRequestedWindow_FailsTheBatch(WarehouseProvider provider)
    {
        var warehouse = await fixture.GetAsync(provider);
        var source = NewSource("out");

        var ex = await Assert.ThrowsAsync<InvalidDataException>(
            () => warehouse.Warehouse.LoadAsync(Request(source, ReportKind.QueueStats, Window(10, 11)), Stream([Queue("Q1", At(10, 45)), Queue("Q1", At(11, 0))]), Ct));

        Assert.Contains("Row 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("outside the batch window", ex.Message, StringComparison.Ordinal);
        Assert.Equal("failed", (await warehouse.Warehouse.GetBatchesAsync(source, 1, Ct))[0].Status);
    }

    [Fact]
    public async Task RequestForAnotherReport_IsRejectedBeforeAnythingIsRecorded()
    {
        var warehouse = await fixture.GetAsync(WarehouseProvider.Sqlite);
        var source = NewSource("kind");

        await Assert.ThrowsAsync<ArgumentException>(() => warehouse.Warehouse.LoadAsync(Request(source, ReportKind.Segments, null), Stream([Queue("Q1", At(1, 0))]), Ct));

        Assert.Empty(await warehouse.Warehouse.GetBatchesAsync(source, 10, Ct));
    }

    private static string Stage(TestWarehouse warehouse, string table) =>
        warehouse.Provider == WarehouseProvider.Sqlite ? "stage_" + table : "stage." + table;

    private static async IAsyncEnumerable<QueueStatsRow> ThrowAfter(int rows)
    {
        for (var i = 0; i < rows; i++)
        {
            yield return Queue("Q" + (i % 400), At(10, 15 * (i / 400)), answered: i);
            if (i % 100 == 0)
            {
                await Task.Yield();
            }
        }

        throw new InvalidDataException($"report.json:{rows + 2}: bad number in field 'answCallCnt'");
    }
}
