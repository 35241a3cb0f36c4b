using RcWarehouse.Core.Intervals;

namespace RcWarehouse.Core.Parsing;

/// <summary>
/// What a parser needs to know beyond the bytes: the path (for error messages), the time zone the report's local
/// interval times are in, and the window that was requested (every interval start must fall inside it) when known.
/// <paramref name="OnWarning"/> hears about things worth telling an operator once per file (unknown extra columns).
/// </summary>
public sealed record ReportFileContext(string FilePath, TimeZoneInfo TimeZone, UtcWindow? Window = null, Action<string>? OnWarning = null);
