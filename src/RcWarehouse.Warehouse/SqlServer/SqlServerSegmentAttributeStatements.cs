using RcWarehouse.Warehouse.Publishing;

namespace RcWarehouse.Warehouse.SqlServer;

/// <summary>
/// The segments publish's statements for dw.fact_segment_attribute: the kept fields of a replaced segment (the
/// <c>#segment_scope</c> set) are replaced with it, those the batch carries identically (same segment, name and value,
/// compared byte for byte) are left alone, so a repeated load changes no row. Run between the events' delete and the
/// segments' delete, and after the segments' insert (the attributes refer to their segment). OPENJSON's default schema
/// gives the object's names in <c>[key]</c> and the texts in <c>value</c>. <c>[key]</c> is Latin1_General_BIN2, not the
/// table's Latin1_General_100_BIN2: two different column collations cannot be compared (error 468), so each comparison
/// names the table's collation (both compare code points, so the result is the same). SQL Server's <c>=</c> ignores
/// trailing spaces even under a binary collation, so the values' DATALENGTH is compared too: a value that only gained
/// or lost trailing spaces is replaced, as on SQLite.
/// </summary>
internal static class SqlServerSegmentAttributeStatements
{
    public static NamedSql DeleteReplaced { get; } = new("segments.delete_replaced_attributes", """
        DELETE a
        FROM dw.fact_segment_attribute AS a
        INNER JOIN #segment_scope AS k
            ON a.source_key = @source_key AND a.interaction_id = k.interaction_id AND a.segment_id = k.segment_id
        WHERE NOT EXISTS (
              SELECT 1
              FROM #stage_segment AS s
              CROSS APPLY OPENJSON(s.attributes_json) AS j
              WHERE s.load_batch_id = @load_batch_id
                AND s.is_unchanged = 1
                AND s.interaction_id = a.interaction_id
                AND s.segment_id = a.segment_id
                AND j.[key] COLLATE Latin1_General_100_BIN2 = a.name
                AND j.value = a.value COLLATE Latin1_General_100_BIN2
                AND DATALENGTH(j.value) = DATALENGTH(a.value));
        """);

    public static NamedSql InsertNew { get; } = new("segments.insert_new_attributes", """
        INSERT INTO dw.fact_segment_attribute (source_key, interaction_id, segment_id, name, value, load_batch_id)
        SELECT @source_key, s.interaction_id, s.segment_id, j.[key], j.value, @load_batch_id
        FROM #stage_segment AS s
        CROSS APPLY OPENJSON(s.attributes_json) AS j
        WHERE s.load_batch_id = @load_batch_id
          AND NOT EXISTS (
              SELECT 1
              FROM dw.fact_segment_attribute AS a
              WHERE a.source_key = @source_key
                AND a.interaction_id = s.interaction_id
                AND a.segment_id = s.segment_id
                AND a.name = j.[key] COLLATE Latin1_General_100_BIN2);
        """);
}
