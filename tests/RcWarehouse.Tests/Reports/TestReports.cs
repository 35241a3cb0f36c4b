using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Parsing;
using Xunit;

namespace RcWarehouse.Tests.Reports;

/// <summary>Fixture paths, contexts and small helpers shared by the parser tests.</summary>
internal static class TestReports
{
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "TestData", relative);

    public static ReportFileContext Context(string relative, TimeZoneInfo? zone = null, UtcWindow? window = null, List<string>? warnings = null) =>
        new(PathOf(relative), zone ?? NewYork, window, warnings is null ? null : warnings.Add);

    public static DateTime Utc(int year, int month, int day, int hour, int minute, int second = 0, int millisecond = 0) =>
        new(year, month, day, hour, minute, second, millisecond, DateTimeKind.Utc);

    public static UtcWindow Window(DateTime startUtc, DateTime endUtc) => new(startUtc, endUtc);

    public static async Task<List<T>> ReadAllAsync<T>(IAsyncEnumerable<T> rows)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(TestContext.Current.CancellationToken))
        {
            list.Add(row);
        }

        return list;
    }

    public static Task<ReportFormatException> FailsAsync<T>(IAsyncEnumerable<T> rows) =>
        Assert.ThrowsAsync<ReportFormatException>(() => ReadAllAsync(rows));

    /// <summary>Reads until the file fails, keeping the rows that came before the failure.</summary>
    public static async Task<(List<T> Rows, ReportFormatException Error)> ReadUntilFailureAsync<T>(IAsyncEnumerable<T> rows)
    {
        var list = new List<T>();
        var error = await Assert.ThrowsAsync<ReportFormatException>(async () =>
        {
            await foreach (var row in rows.WithCancellation(TestContext.Current.CancellationToken))
            {
                list.Add(row);
            }
        });
        return (list, error);
    }
}
