using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// The segments publish's statements for fact_segment_attribute: the kept fields of a replaced segment are replaced
/// with it, those the batch carries identically (same segment, name and value) are left alone, so a repeated load
/// changes no row. Run between the events' delete and the segments' delete, and after the segments' insert (the
/// attributes refer to their segment).
/// </summary>
internal static class SqliteSegmentAttributeStatements
{
    /// <param name="inScope">The segments publish's test that published segment <c>f</c> is replaced by this batch.</param>
    public static NamedSql DeleteReplaced(string inScope) => new("segments.delete_replaced_attributes", $"""
        DELETE FROM fact_segment_attribute
        WHERE source_key = @source_key
          AND EXISTS (
              SELECT 1
              FROM fact_segment AS f
              WHERE f.source_key = fact_segment_attribute.source_key
                AND f.interaction_id = fact_segment_attribute.interaction_id
                AND f.segment_id = fact_segment_attribute.segment_id
                AND {inScope})
          AND NOT EXISTS (
              SELECT 1
              FROM temp.stage_segment AS s, json_each(s.attributes_json) AS j
              WHERE s.load_batch_id = @load_batch_id
                AND s.is_unchanged = 1
                AND s.interaction_id = fact_segment_attribute.interaction_id
                AND s.segment_id = fact_segment_attribute.segment_id
                AND j.key = fact_segment_attribute.name
                AND j.value = fact_segment_attribute.value);
        """);

    public static NamedSql InsertNew { get; } = new("segments.insert_new_attributes", """
        INSERT INTO fact_segment_attribute (source_key, interaction_id, segment_id, name, value, load_batch_id)
        SELECT @source_key, s.interaction_id, s.segment_id, j.key, j.value, @load_batch_id
        FROM temp.stage_segment AS s, json_each(s.attributes_json) AS j
        WHERE s.load_batch_id = @load_batch_id
          AND NOT EXISTS (
              SELECT 1
              FROM fact_segment_attribute AS a
              WHERE a.source_key = @source_key
                AND a.interaction_id = s.interaction_id
                AND a.segment_id = s.segment_id
                AND a.name = j.key)
        ORDER BY s.interaction_id, s.segment_id, j.key;
        """);
}
