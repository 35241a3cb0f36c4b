using System.Text;
using RcWarehouse.Core.Recordings;
using Xunit;

namespace RcWarehouse.Tests.Recordings;

public sealed class TranscriptTextTests
{
    [Theory]
    [InlineData("""{"transcript":"hello there"}""", "hello there")]
    [InlineData("""{"text":"hi"}""", "hi")]
    [InlineData("""{"utterances":[{"speaker":"agent","text":"Hello"},{"speaker":"customer","text":"Hi"}]}""", "agent: Hello\ncustomer: Hi")]
    [InlineData("""{"segments":[{"transcript":"one"},{"utterance":"two"}]}""", "one\ntwo")]
    [InlineData("""[{"text":"a"},{"text":"b"}]""", "a\nb")]
    public void KnownShapes_GiveTheirText(string json, string expected) =>
        Assert.Equal(expected, TranscriptText.TryExtract(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"words":[1,2,3]}""")]
    [InlineData("""{"utterances":[{"speaker":"agent"}]}""")]
    [InlineData("""not json""")]
    [InlineData("""42""")]
    public void UnknownShapes_GiveNull_SoTheRawFileIsAllThatIsKept(string json) =>
        Assert.Null(TranscriptText.TryExtract(Encoding.UTF8.GetBytes(json)));
}
