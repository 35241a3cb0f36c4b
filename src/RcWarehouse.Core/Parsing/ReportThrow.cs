using System.Diagnostics.CodeAnalysis;

namespace RcWarehouse.Core.Parsing;

/// <summary>Throw helpers kept out of the hot parsing paths so the callers stay small and inlinable.</summary>
internal static class ReportThrow
{
    [DoesNotReturn]
    public static void Format(string filePath, SourceLocation at, string? field, string problem, Exception? inner = null) =>
        throw new ReportFormatException(filePath, problem, at.Line, at.JsonPath, field, inner);

    [DoesNotReturn]
    public static T Format<T>(string filePath, SourceLocation at, string? field, string problem, Exception? inner = null) =>
        throw new ReportFormatException(filePath, problem, at.Line, at.JsonPath, field, inner);

    [DoesNotReturn]
    public static void Missing(string filePath, SourceLocation at, string field) =>
        throw new ReportFormatException(filePath, "a value is required but the field is empty or missing", at.Line, at.JsonPath, field);
}
