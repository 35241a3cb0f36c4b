using RcWarehouse.Warehouse.Recordings;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>
/// The recording archive binds texts it does not control (the server's Content-Type, error messages) to bounded SQL
/// Server columns. SQLite stores any length, so only these limits stand between such a text and a truncation error
/// (2628) that fails the insert on SQL Server alone.
/// </summary>
public sealed class RecordingColumnLimitsTests
{
    [Fact]
    public void TheBoundsTheArchiveApplies_AreTheSqlServerColumnLengths()
    {
        // Given the columns' lengths after every SQL Server migration
        var lengths = SqlServerSchema.TextLengths;

        // Then each bound applied before binding is exactly the length of the column the text lands in
        Assert.Equal(WarehouseRecordings.MaxContentTypeLength, lengths["dw.fact_recording"]["content_type"]);
        Assert.Equal(WarehouseRecordings.MaxContentTypeLength, lengths["dw.fact_transcript"]["content_type"]);
        Assert.Equal(WarehouseRecordings.MaxErrorLength, lengths["etl.recording_failure"]["error"]);
    }

    [Fact]
    public void ALongContentType_IsCutToTheColumn_KeepingItsMediaType()
    {
        // Given a Content-Type header with parameters far beyond the column
        var header = "audio/wav; " + string.Join("; ", Enumerable.Range(0, 20).Select(i => $"param{i}=value{i}"));
        Assert.True(header.Length > WarehouseRecordings.MaxContentTypeLength);

        // When it is bound
        var bound = WarehouseRecordings.BoundContentType(header);

        // Then it fits the column and still starts with the media type; shorter ones and null pass unchanged
        Assert.Equal(WarehouseRecordings.MaxContentTypeLength, bound!.Length);
        Assert.StartsWith("audio/wav;", bound, StringComparison.Ordinal);
        Assert.Equal("audio/wav", WarehouseRecordings.BoundContentType("audio/wav"));
        Assert.Null(WarehouseRecordings.BoundContentType(null));
    }
}
