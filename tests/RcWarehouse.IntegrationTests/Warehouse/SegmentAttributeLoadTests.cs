using RcWarehouse.Core.Reports;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>fact_segment_attribute follows its segment through reloads, corrections and removals, on both engines.</summary>
[Collection(WarehouseCollectionDefinition.Name)]
public sealed class SegmentAttributeLoadTests(WarehouseFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task KeptFields_AreReplacedWithTheirSegment_AndAnIdenticalReloadChangesNoRow(WarehouseProvider provider)
    {
        // Given two segments with kept fields (one a number as its digits, one a JSON object as its text)
        var w = await fixture.GetAsync(provider);
        var source = NewSource("attrs");
        var s1 = Segment("I1", "1", At(9, 5)) with { Attributes = [new("ivrLanguage", "en-US"), new("score", "12345678901234567890"), new("route", """{"a":[1,2]}""")] };
        var s2 = Segment("I2", "1", At(9, 20)) with { Attributes = [new("ivrLanguage", "es-US")] };
        var first = await w.Warehouse.LoadAsync(Request(source, ReportKind.Segments, Window(9, 10)), Stream([s1, s2]), Ct);
        var loaded = await AttributesAsync(w, source);
        Assert.Equal(
            [
                ["I1", "ivrLanguage", "en-US", Id(first)], ["I1", "route", """{"a":[1,2]}""", Id(first)],
                ["I1", "score", "12345678901234567890", Id(first)], ["I2", "ivrLanguage", "es-US", Id(first)],
            ],
            loaded);

        // When the same rows load again, Then not one row changes, not even its batch
        await w.Warehouse.LoadAsync(Request(source, ReportKind.Segments, Window(9, 10)), Stream([s1, s2]), Ct);
        Assert.Equal(loaded, await AttributesAsync(w, source));

        // When a correction changes one field of I1 and drops another, and leaves I2 as it was
        var corrected = await w.Warehouse.LoadAsync(
            Request(source, ReportKind.Segments, Window(9, 10)),
            Stream([s1 with { Attributes = [new("ivrLanguage", "fr-CA"), new("route", """{"a":[1,2]}""")] }, s2]),
            Ct);

        // Then I1 holds exactly its new fields (the unchanged one untouched) and I2 keeps its batch
        Assert.Equal(
            [["I1", "ivrLanguage", "fr-CA", Id(corrected)], ["I1", "route", """{"a":[1,2]}""", Id(first)], ["I2", "ivrLanguage", "es-US", Id(first)]],
            await AttributesAsync(w, source));

        // When the window loads again without I2, and with I1 changed in a column, Then I2's fields go with it
        var last = await w.Warehouse.LoadAsync(
            Request(source, ReportKind.Segments, Window(9, 10)),
            Stream([s1 with { AgentDisposition = "NO SALE", Attributes = [new("ivrLanguage", "fr-CA")] }]),
            Ct);
        Assert.Equal([["I1", "ivrLanguage", "fr-CA", Id(last)]], await AttributesAsync(w, source));

        // And the generated view reads through the keys (one row per segment; no labels are configured here)
        var labelled = await w.QueryAsync(
            "SELECT l.interaction_id FROM {v_segment_labeled} AS l INNER JOIN {dim_source} AS s ON s.source_key = l.source_key WHERE s.sub_account_id = @source",
            Ct,
            ("@source", source));
        Assert.Equal(["I1"], labelled.Select(r => Engines.Text(r[0]) ?? "NULL").ToArray());
    }

    private static string Id(LoadResult result) => result.LoadBatchId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string?[][]> AttributesAsync(TestWarehouse w, string source) =>
        [
            .. (await w.QueryAsync(
                """
                SELECT a.interaction_id, a.name, a.value, a.load_batch_id
                FROM {fact_segment_attribute} AS a
                INNER JOIN {dim_source} AS s ON s.source_key = a.source_key
                WHERE s.sub_account_id = @source
                ORDER BY a.interaction_id, a.name
                """,
                Ct,
                ("@source", source)))
            .Select(r => r.Select(Engines.Text).ToArray()),
        ];
}
