using RcWarehouse.Core.Errors;
using Xunit;

namespace RcWarehouse.Tests.Errors;

public sealed class ErrorTextTests
{
    [Fact]
    public void A_long_message_is_cut_to_one_bounded_line_saying_how_much_was_cut()
    {
        // Given a message of several lines and two million characters
        var message = "first\nsecond\r\n" + new string('x', 2_000_000);

        // When it is bounded
        var bounded = ErrorText.Bound(message);

        // Then it is one line of at most the limit, and says what was left out
        Assert.True(bounded.Length <= ErrorText.MaxMessageLength, $"{bounded.Length}");
        Assert.StartsWith("first second  x", bounded, StringComparison.Ordinal);
        Assert.EndsWith("more characters cut)", bounded, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', bounded);
    }

    [Fact]
    public void A_short_clean_message_is_kept_as_is() =>
        Assert.Equal("q.csv:3, field 'answ_call_cnt': 'x' is not a whole number", ErrorText.Bound("q.csv:3, field 'answ_call_cnt': 'x' is not a whole number"));

    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData("9\0\0", "'9\\u0000\\u0000'")]
    [InlineData("a\r\nb", "'a\\u000D\\u000Ab'")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789", "'abcdefghijklmnopqrstuvwx...' (36 characters)")]
    public void A_quoted_value_is_a_short_escaped_prefix(string value, string expected) =>
        Assert.Equal(expected, ErrorText.Quote(value));

    [Fact]
    public void A_huge_value_is_quoted_in_a_few_dozen_characters()
    {
        var quoted = ErrorText.Quote(new string('7', 50_000_000));

        Assert.True(quoted.Length < 60, quoted);
        Assert.EndsWith("(50,000,000 characters)", quoted, StringComparison.Ordinal);
    }
}
