namespace RcWarehouse.Warehouse.Staging;

/// <summary>
/// The character lengths of the warehouse's text columns (nvarchar(n) on SQL Server; SQLite's TEXT has no limit, but
/// both engines refuse the same rows). The staging layouts take their limits from here, and a test holds these to the
/// migration scripts' column definitions.
/// </summary>
internal static class ColumnSizes
{
    /// <summary>Ids of sub-accounts, agents, queues, groups, interactions, segments, dialogs; RingCentral user ids.</summary>
    public const int Id = 64;

    /// <summary>Short codes: segment type, channel type and class, direction.</summary>
    public const int Code = 64;

    /// <summary>Names of agents and queues; dispositions.</summary>
    public const int Name = 256;

    /// <summary>Calling and called addresses, as stored (clear, masked or hashed).</summary>
    public const int Address = 128;

    public const int Url = 2048;

    /// <summary>The name of a segment field kept in fact_segment_attribute.</summary>
    public const int AttributeName = 128;

    /// <summary>The text of a segment field kept in fact_segment_attribute, as stored (clear, masked or hashed).</summary>
    public const int AttributeValue = 4000;
}
