namespace RcWarehouse.Core.Parsing;

/// <summary>The header line of a CSV report: where it is, its separator, its names, and the field each column feeds (null: ignored).</summary>
internal sealed record CsvHeader(long Line, char Separator, IReadOnlyList<string> Names, IReadOnlyList<AggregateField?> Columns);
