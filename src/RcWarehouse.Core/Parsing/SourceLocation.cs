namespace RcWarehouse.Core.Parsing;

/// <summary>Where in a file a value came from: a physical line (CSV, XML, and the start line of a JSON element) and/or a JSON path.</summary>
internal readonly record struct SourceLocation(long? Line, string? JsonPath = null);
