using System.Globalization;
using System.Text;
using RcWarehouse.Core.Parsing;
using RcWarehouse.Core.Reports;
using Xunit;
using static RcWarehouse.Tests.Reports.TestReports;

namespace RcWarehouse.Tests.Parsing;

public sealed class JsonArrayReaderTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"rcw-json-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task ManyElementsAcrossBufferBoundaries_AreAllReadWithTheirLines()
    {
        // Given 20,000 one-line elements (about 4 MB, many 64 KiB buffers), each on its own line
        var sb = new StringBuilder("[\n");
        const int count = 20_000;
        for (var i = 0; i < count; i++)
        {
            var minute = i % 4 * 15;
            sb.Append(CultureInfo.InvariantCulture, $"  {{\"interval\": 15, \"dateTimeFrom\": \"2024-03-04T09:{minute:00}:00\", \"agentId\": \"{1_000_000 + i}\", \"agentName\": \"Agent {i}\", \"queue\": \"2001\", \"talkingIxnDur\": {i}.5, \"wrapUpDur\": 0, \"answIxnCnt\": {i}, \"transferOutIxnCnt\": 0}}");
            sb.Append(i + 1 < count ? ",\n" : "\n");
        }

        sb.Append("]\n");
        await File.WriteAllTextAsync(_path, sb.ToString(), TestContext.Current.CancellationToken);

        // When it is read
        var rows = await ReadAllAsync(ReportFileReader.ReadAgentExtendedAsync(new ReportFileContext(_path, TimeZoneInfo.Utc), ReportFormat.Json, TestContext.Current.CancellationToken));

        // Then every element arrives intact and in order
        Assert.Equal(count, rows.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), rows.Select(r => r.AnswCallCnt));
        Assert.Equal("1019999", rows[^1].AgentId);
        Assert.Equal(19_999.5m, rows[^1].TalkingCallDurSec);
    }

    [Fact]
    public async Task ElementLargerThanTheBuffer_IsRead()
    {
        // Given one element with a 300 KB value of an extra field (bigger than the 64 KiB buffer) followed by a bad one on line 3
        var note = new string('x', 300_000);
        await File.WriteAllTextAsync(_path,
            $"[\n{{\"interval\": 15, \"dateTimeFrom\": \"2024-03-04T09:00:00\", \"agentId\": \"1\", \"agentName\": \"Ann\", \"extraNote\": \"{note}\", \"queue\": \"2001\", \"talkingIxnDur\": 1, \"wrapUpDur\": 0, \"answIxnCnt\": 1, \"transferOutIxnCnt\": 0}},\n" +
            "{\"interval\": 15, \"dateTimeFrom\": \"2024-03-04T09:00:00\", \"agentId\": \"2\", \"queue\": \"2001\", \"talkingIxnDur\": 1, \"wrapUpDur\": 0, \"answIxnCnt\": 1, \"transferOutIxnCnt\": [0,}\n]",
            TestContext.Current.CancellationToken);

        // When it is read
        var (rows, error) = await ReadUntilFailureAsync(ReportFileReader.ReadAgentExtendedAsync(new ReportFileContext(_path, TimeZoneInfo.Utc), ReportFormat.Json, TestContext.Current.CancellationToken));

        // Then the big element is whole, and the broken one is located by line and path
        Assert.Equal("Ann", Assert.Single(rows).AgentName);
        Assert.Equal(3, error.Line);
        Assert.Equal("$[1].transferOutIxnCnt[0]", error.JsonPath);
        Assert.Equal("transferOutIxnCnt", error.Field);
    }

    [Fact]
    public async Task OneByteReads_NoBreakSpacesAndEscapes_AreReadExactly()
    {
        // Given a BOM, no-break-space indentation (as in seed 000), a no-break space and escaped quotes inside strings,
        // and a stream that returns one byte per read
        var json = "\uFEFF[\n\u00A0\u00A0{\"a\": \"x\u00A0y\", \"b\": \"say \\\"hi\\\" \\\\\"},\n\u00A0\u00A0{\"a\": 12345678901234567890, \"b\": [1, 2]}\n]";
        var stream = new OneByteStream(Encoding.UTF8.GetBytes(json));

        // When the array is read
        var items = new List<JsonArrayItem>();
        await foreach (var item in new JsonArrayReader(stream, "mem.json").ReadAsync(TestContext.Current.CancellationToken))
        {
            items.Add(item);
        }

        // Then both elements are whole, on their lines, and the string contents are untouched
        Assert.Equal([0, 1], items.Select(i => i.Index));
        Assert.Equal([2L, 3L], items.Select(i => i.Line));
        Assert.Equal("x\u00A0y", items[0].Element.GetProperty("a").GetString());
        Assert.Equal("say \"hi\" \\", items[0].Element.GetProperty("b").GetString());
        Assert.Equal("12345678901234567890", items[1].Element.GetProperty("a").GetRawText());
    }

    [Fact]
    public async Task OneByteReads_BrokenElement_IsLocatedByLineAndPath()
    {
        // Given a second element whose nested array is broken on line 4, read one byte at a time
        var json = "[\n{\"a\": 1},\n{\"b\": {\"c\": [1,\n2 x]}}\n]";
        var stream = new OneByteStream(Encoding.UTF8.GetBytes(json));

        // When the array is read
        var error = await Assert.ThrowsAsync<ReportFormatException>(async () =>
        {
            await foreach (var item in new JsonArrayReader(stream, "mem.json").ReadAsync(TestContext.Current.CancellationToken))
            {
                Assert.Equal(0, item.Index);
            }
        });

        // Then the error points into the nested array
        Assert.Equal(4, error.Line);
        Assert.Equal("$[1].b.c[1]", error.JsonPath);
        Assert.Equal("c", error.Field);
    }
}
