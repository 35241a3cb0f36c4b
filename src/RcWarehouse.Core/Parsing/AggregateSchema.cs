namespace RcWarehouse.Core.Parsing;

/// <summary>
/// What differs between aggregate reports: their fields, what identifies a row's entity (for the repeated autumn
/// hour), and how a checked record becomes a row. Everything else (formats, numbers, time zones) is shared.
/// </summary>
internal sealed class AggregateSchema<TRow>(
    string reportName,
    IReadOnlyList<AggregateField> fields,
    Func<AggregateRecord, string> describeEntity,
    Func<AggregateRecord, DateTime, int, TRow> build,
    bool keepsOtherNumbers = false)
{
    public string ReportName { get; } = reportName;

    public AggregateFieldSet Fields { get; } = new(fields, keepsOtherNumbers);

    /// <summary>A person-readable entity key, such as <c>agent 1001234 in queue 2001</c>.</summary>
    public string DescribeEntity(AggregateRecord record) => describeEntity(record);

    public TRow Build(AggregateRecord record, DateTime intervalStartUtc, int intervalMinutes) => build(record, intervalStartUtc, intervalMinutes);
}
