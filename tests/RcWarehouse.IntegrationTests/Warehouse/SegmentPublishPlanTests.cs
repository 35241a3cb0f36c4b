using System.Data.Common;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Publishing;
using Xunit;

namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>
/// A segments publish must not grow with the source's history: its deletes find the segments they replace through the
/// scope set computed once (the covered slots' segments and the carried ones), never by visiting every segment, event
/// or attribute of the source. SQLite's own planner, on the migrated schema, is the witness.
/// </summary>
[Collection(WarehouseCollectionDefinition.Name)]
public sealed class SegmentPublishPlanTests(WarehouseFixture fixture)
{
    private static readonly string[] FactTables = ["fact_segment", "fact_segment_event", "fact_segment_attribute"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SegmentsPublish_SeeksTheFactsByTheScopeKeys_InsteadOfScanningTheSourcesHistory()
    {
        // Given a migrated SQLite warehouse and a connection holding the batch's private stage, as a load's would
        var w = await fixture.GetAsync(WarehouseProvider.Sqlite);
        var segments = w.Engine.Dialect.Sql.Segments;
        await using var connection = await w.Engine.Dialect.OpenAsync(Ct);
        await RunAsync(w, connection, segments.Stage.Create);
        await RunAsync(w, connection, segments.Stage.Index!);

        // When SQLite plans every publish statement that reads the published facts (inferring agents inserts into
        // dim_agent, whose plan lists the foreign-key probe of fact_segment that SQLite runs only while a deferred
        // violation is outstanding, never in a load)
        var plans = new Dictionary<string, List<string>>();
        foreach (var statement in segments.Publish.Where(s => !s.Name.Contains("infer_", StringComparison.Ordinal)))
        {
            await using var command = DbCommands.Create(
                w.Engine.Dialect, connection, null, statement with { Text = "EXPLAIN QUERY PLAN " + statement.Text },
                ("@load_batch_id", 1L), ("@source_key", 1), ("@from_key", 202601050900L), ("@to_key", 202601051000L));
            await using var reader = await command.ExecuteReaderAsync(Ct);
            var lines = new List<string>();
            while (await reader.ReadAsync(Ct))
            {
                lines.Add(reader.GetString(reader.FieldCount - 1));
            }

            plans[statement.Name] = lines;
        }

        // Then no statement scans a segment fact table, or searches one by its source alone
        var wide = plans
            .SelectMany(p => p.Value.Select(line => (p.Key, Line: line)))
            .Where(x => FactTables.Any(t => x.Line.StartsWith($"SCAN {t}", StringComparison.Ordinal)
                || (x.Line.StartsWith($"SEARCH {t} ", StringComparison.Ordinal) && x.Line.EndsWith("(source_key=?)", StringComparison.Ordinal))))
            .ToList();
        Assert.True(wide.Count == 0, string.Join("\n", wide.Select(x => $"{x.Key}: {x.Line}")));

        // And the three deletes go through the scope set
        foreach (var delete in new[] { "segments.delete_replaced_events", "segments.delete_replaced_attributes", "segments.delete_replaced_segments" })
        {
            Assert.Contains(plans[delete], line => line.Contains("segment_scope", StringComparison.Ordinal));
        }
    }

    private static async Task RunAsync(TestWarehouse w, DbConnection connection, NamedSql sql)
    {
        await using var command = DbCommands.Create(w.Engine.Dialect, connection, null, sql);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
