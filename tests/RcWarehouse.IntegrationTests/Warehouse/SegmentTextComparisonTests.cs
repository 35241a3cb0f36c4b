using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.Segments;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>
/// A reload compares a segment's texts byte for byte on both engines: on SQL Server a database whose default collation
/// ignores case, and = ignoring trailing spaces, must not make a corrected field look unchanged.
/// </summary>
[Collection(WarehouseCollectionDefinition.Name)]
public sealed class SegmentTextComparisonTests(WarehouseFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task AReload_ReplacesSegmentFieldsAndEventsThatOnlyChangedCaseOrTrailingSpaces(WarehouseProvider provider)
    {
        // Given a segment with a disposition and one event, loaded
        var w = await fixture.GetAsync(provider);
        var source = NewSource("textcmp");
        var start = At(11, 5);
        SegmentRow Row(string disposition, string eventType) =>
            Segment("I1", "1", start, disposition: disposition, events: [new SegmentEventRow(1, eventType, start, null)]);
        Task<LoadResult> LoadAsync(SegmentRow row) =>
            w.Warehouse.LoadAsync(Request(source, ReportKind.Segments, Window(11, 12)), Stream([row]), Ct);
        await LoadAsync(Row("Sale", "RECORDING_START"));

        // When it loads again with the disposition only in another case, Then the segment and its event are replaced
        var cased = await LoadAsync(Row("SALE", "RECORDING_START"));
        Assert.Equal([["SALE", Id(cased)]], await SegmentsAsync(w, source));
        Assert.Equal([["RECORDING_START", Id(cased)]], await EventsAsync(w, source));

        // When the disposition only gains trailing spaces, Then it is replaced again
        var spaced = await LoadAsync(Row("SALE  ", "RECORDING_START"));
        Assert.Equal([["SALE  ", Id(spaced)]], await SegmentsAsync(w, source));

        // When only the event's type changes case, Then the segment stays as it was and the event is replaced
        var evented = await LoadAsync(Row("SALE  ", "Recording_Start"));
        Assert.Equal([["SALE  ", Id(spaced)]], await SegmentsAsync(w, source));
        Assert.Equal([["Recording_Start", Id(evented)]], await EventsAsync(w, source));

        // When the same row loads again, Then nothing changes, not even a batch
        await LoadAsync(Row("SALE  ", "Recording_Start"));
        Assert.Equal([["SALE  ", Id(spaced)]], await SegmentsAsync(w, source));
        Assert.Equal([["Recording_Start", Id(evented)]], await EventsAsync(w, source));
    }

    private static string Id(LoadResult result) => result.LoadBatchId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string?[][]> SegmentsAsync(TestWarehouse w, string source) =>
        [
            .. (await w.QueryAsync(
                """
                SELECT f.agent_disposition, f.load_batch_id
                FROM {fact_segment} AS f
                INNER JOIN {dim_source} AS s ON s.source_key = f.source_key
                WHERE s.sub_account_id = @source
                """,
                Ct,
                ("@source", source)))
            .Select(r => r.Select(Engines.Text).ToArray()),
        ];

    private static async Task<string?[][]> EventsAsync(TestWarehouse w, string source) =>
        [
            .. (await w.QueryAsync(
                """
                SELECT e.event_type, e.load_batch_id
                FROM {fact_segment_event} AS e
                INNER JOIN {dim_source} AS s ON s.source_key = e.source_key
                WHERE s.sub_account_id = @source
                """,
                Ct,
                ("@source", source)))
            .Select(r => r.Select(Engines.Text).ToArray()),
        ];
}
