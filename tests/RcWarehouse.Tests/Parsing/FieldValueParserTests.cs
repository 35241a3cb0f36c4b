using RcWarehouse.Core.Parsing;
using Xunit;

namespace RcWarehouse.Tests.Parsing;

public sealed class FieldValueParserTests
{
    [Theory]
    [InlineData("12", 12L)]
    [InlineData(" 12 ", 12L)]
    [InlineData("12.0", 12L)]
    [InlineData("1e3", 1000L)]
    [InlineData("0", 0L)]
    public void WholeNonNegativeNumbers_AreCounts(string text, long expected)
    {
        // Given a count as a file might write it
        // When it is parsed
        var problem = FieldValueParser.TryParseCount(text, out var value);

        // Then it is the number
        Assert.Null(problem);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("12.5", "is not a whole number")]
    [InlineData("-1", "is negative")]
    [InlineData("abc", "is not a whole number")]
    [InlineData("1,5", "is not a whole number")]
    public void FractionsNegativesAndText_AreNotCounts(string text, string problem)
    {
        // Given a value that is not a count
        // When it is parsed
        var result = FieldValueParser.TryParseCount(text, out _);

        // Then the problem says why
        Assert.Contains(problem, result, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("03-04-2024T05:00:00", 3, 4, 5, 0, 0)]
    [InlineData("2024-03-04T05:00:00", 3, 4, 5, 0, 0)]
    [InlineData("2024-03-04 05:00:00", 3, 4, 5, 0, 0)]
    [InlineData("2024-03-04 05:00:00.000", 3, 4, 5, 0, 0)]
    [InlineData("2024-03-04T05:15:00.0000000", 3, 4, 5, 15, 0)]
    [InlineData("12-31-2024T23:45:00", 12, 31, 23, 45, 0)]
    public void DateTimeFromForms_AreLocalTimes(string text, int month, int day, int hour, int minute, int second)
    {
        // Given a dateTimeFrom in one of the accepted forms
        // When it is parsed
        var problem = FieldValueParser.TryParseLocalDateTime(text, out var local);

        // Then it is that local (unspecified-kind) time
        Assert.Null(problem);
        Assert.Equal(new DateTime(text.Contains("12-31", StringComparison.Ordinal) ? 2024 : 2024, month, day, hour, minute, second), local);
        Assert.Equal(DateTimeKind.Unspecified, local.Kind);
    }

    [Theory]
    [InlineData("2024-13-04T05:00:00")]
    [InlineData("04/03/2024 05:00")]
    [InlineData("2024-03-04T05:00:00Z")]
    public void OtherDateTimeForms_AreRefused(string text)
    {
        // Given a dateTimeFrom in a form not accepted (a UTC marker would contradict the request's time zone)
        // When it is parsed
        var problem = FieldValueParser.TryParseLocalDateTime(text, out _);

        // Then it is refused with the expected forms listed
        Assert.Contains("MM-dd-yyyy'T'HH:mm:ss", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-07-22T11:24:40.000Z", 11, 24, 40, 0)]
    [InlineData("2024-07-22T11:24:40.123Z", 11, 24, 40, 123)]
    [InlineData("2024-07-22T07:24:40.000-04:00", 11, 24, 40, 0)]
    [InlineData("1721647480000", 11, 24, 40, 0)]
    public void UtcTimestamps_AreIsoWithOffsetOrEpochMilliseconds(string text, int hour, int minute, int second, int ms)
    {
        // Given a *TimeMs value
        // When it is parsed
        var problem = FieldValueParser.TryParseUtcTimestamp(text, out var utc);

        // Then it is that UTC instant
        Assert.Null(problem);
        Assert.Equal(new DateTime(2024, 7, 22, hour, minute, second, ms, DateTimeKind.Utc), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Theory]
    [InlineData("20240304", 2024, 3, 4)]
    [InlineData("2024-03-04", 2024, 3, 4)]
    public void DateFromForms_AreDates(string text, int year, int month, int day)
    {
        // Given date_from in either form
        // When it is parsed
        var problem = FieldValueParser.TryParseLocalDate(text, out var date);

        // Then it is that date
        Assert.Null(problem);
        Assert.Equal(new DateTime(year, month, day), date);
    }

    [Theory]
    [InlineData("09:30", 9, 30, 0)]
    [InlineData("9:30", 9, 30, 0)]
    [InlineData("09:30:00", 9, 30, 0)]
    [InlineData("23:45", 23, 45, 0)]
    public void TimeForms_AreTimesOfDay(string text, int hours, int minutes, int seconds)
    {
        // Given time in one of the accepted forms
        // When it is parsed
        var problem = FieldValueParser.TryParseLocalTime(text, out var time);

        // Then it is that time of day
        Assert.Null(problem);
        Assert.Equal(new TimeSpan(hours, minutes, seconds), time);
    }
}
