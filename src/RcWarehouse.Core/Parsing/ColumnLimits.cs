namespace RcWarehouse.Core.Parsing;

/// <summary>
/// The longest text each kind of value may have: what the SQL Server columns hold (sql/sqlserver/0001_initial.sql:
/// ids nvarchar(64), names nvarchar(256)), checked while parsing so that both engines refuse the same file with the
/// same error instead of SQLite storing what SQL Server would reject.
/// </summary>
internal static class ColumnLimits
{
    public const int Id = 64;

    public const int Name = 256;

    public const int Address = 128;

    public const int Url = 2048;

    /// <summary>The name of a segment field kept as an attribute (fact_segment_attribute.name).</summary>
    public const int AttributeName = 128;

    /// <summary>The text of a segment field kept as an attribute (fact_segment_attribute.value, nvarchar(4000)).</summary>
    public const int AttributeValue = 4000;

    /// <summary>Agent notes are nvarchar(max); a note longer than this is no agent's note.</summary>
    public const int Notes = 64 * 1024;
}
