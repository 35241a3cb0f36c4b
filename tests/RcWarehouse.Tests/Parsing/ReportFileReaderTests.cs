using RcWarehouse.Core.Parsing;
using RcWarehouse.Core.Reports;
using Xunit;
using static RcWarehouse.Tests.Reports.TestReports;

namespace RcWarehouse.Tests.Parsing;

public sealed class ReportFileReaderTests
{
    public static TheoryData<string> Fixtures()
    {
        // Only the report folders: other fixtures in TestData belong to other subjects.
        var root = Path.Combine(AppContext.BaseDirectory, "TestData");
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "AgentExtended", "QueueStats", "Segments" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void DetectFormat_PicksTheFormatOfEveryFixture(string fixture)
    {
        // Given a fixture whose extension says what it holds (BOMs, leading blank lines, DOCTYPEs and broken files included)
        var expected = Path.GetExtension(fixture) switch
        {
            ".csv" => ReportFormat.Csv,
            ".xml" => ReportFormat.Xml,
            ".json" => ReportFormat.Json,
            var other => throw new InvalidOperationException($"Unexpected fixture type {other}"),
        };

        // When its format is sniffed
        var format = ReportFileReader.DetectFormat(PathOf(fixture));

        // Then it matches
        Assert.Equal(expected, format);
    }

    [Fact]
    public async Task DetectedFormat_IsUsedWhenNoneIsGiven()
    {
        // Given a CSV, an XML and a JSON agent-extended file
        // When each is read without naming its format
        var csv = await ReadAllAsync(ReportFileReader.ReadAgentExtendedAsync(Context("AgentExtended/basic.csv"), cancellationToken: TestContext.Current.CancellationToken));
        var xml = await ReadAllAsync(ReportFileReader.ReadAgentExtendedAsync(Context("AgentExtended/attributes.xml"), cancellationToken: TestContext.Current.CancellationToken));
        var json = await ReadAllAsync(ReportFileReader.ReadQueueStatsAsync(Context("QueueStats/current.json"), cancellationToken: TestContext.Current.CancellationToken));

        // Then each is parsed by the right parser
        Assert.Equal([3, 2, 3], new[] { csv.Count, xml.Count, json.Count });
    }

    [Fact]
    public async Task MissingFile_SurfacesWhileEnumeratingNotWhenCalled()
    {
        // Given a path that does not exist
        var context = Context("AgentExtended/does-not-exist.csv");

        // When the reader is created, nothing happens yet
        var rows = ReportFileReader.ReadAgentExtendedAsync(context, cancellationToken: TestContext.Current.CancellationToken);

        // Then enumerating it fails with the missing file
        await Assert.ThrowsAsync<FileNotFoundException>(() => ReadAllAsync(rows));
    }

    [Theory]
    [InlineData("AgentExtended/basic.csv")]
    [InlineData("AgentExtended/elements.xml")]
    [InlineData("AgentExtended/current.json")]
    public async Task CancelledToken_StopsReading(string fixture)
    {
        // Given a token that is already cancelled
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        // When a file is read with it
        var rows = ReportFileReader.ReadAgentExtendedAsync(Context(fixture), cancellationToken: cts.Token);

        // Then reading stops with a cancellation
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var row in rows)
            {
                Assert.Fail($"read {row} after cancellation");
            }
        });
    }

    [Fact]
    public async Task SegmentsInCsvFormat_AreRefusedWithThePath()
    {
        // Given segments asked for as CSV
        // When read
        var error = await FailsAsync(ReportFileReader.ReadSegmentsAsync(Context("Segments/legacy.json"), ReportFormat.Csv, TestContext.Current.CancellationToken));

        // Then the error names the file
        Assert.Equal(PathOf("Segments/legacy.json"), error.FilePath);
    }
}
