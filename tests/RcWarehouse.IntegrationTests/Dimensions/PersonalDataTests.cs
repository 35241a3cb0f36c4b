using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.Segments;
using RcWarehouse.IntegrationTests.RingCx;
using RcWarehouse.IntegrationTests.Support;
using RcWarehouse.IntegrationTests.Warehouse;
using RcWarehouse.Warehouse;
using Xunit;
using static RcWarehouse.IntegrationTests.Warehouse.TestRows;

namespace RcWarehouse.IntegrationTests.Dimensions;

/// <summary>Warehouse:PersonalData on a SQLite file of its own, whose bytes the tests search for the clear number.</summary>
public sealed class PersonalDataTests : IDisposable
{
    private const string Caller = "+15559878987";
    private const string CallerDigits = "5559878987";
    private const string Notes = "Call back on 555-987-8987 about the refund";

    private readonly TempDirectory _folder = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 6, 8, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hash_WithoutASecret_KeepsAGeneratedKeyNextToTheDatabase_HashesStably_AndNeverStoresClearText()
    {
        // Given the default mode and no secret
        var (w, db) = await CreateAsync(PersonalDataMode.Hash, secret: null);

        // When the same caller phones twice, in two batches
        await LoadAsync(w, "src-hash", Segment("I1", "2", At(9, 5)) with { CallingAddress = Caller, AgentNotes = Notes }, Window(9, 10));
        await LoadAsync(w, "src-hash", Segment("I2", "2", At(10, 5)) with { CallingAddress = Caller }, Window(10, 11));

        // Then a key file was made next to the database and both calls carry the same HMAC of the number
        var keyFile = db + ".pii.key";
        Assert.True(File.Exists(keyFile));
        var expected = Hmac(Convert.FromHexString(File.ReadAllText(keyFile).Trim()), Caller);
        var rows = await w.QueryAsync("SELECT calling_address, called_address, agent_notes FROM fact_segment ORDER BY interaction_id", Ct);
        Assert.Equal<string>([expected, expected], rows.Select(r => (string)r[0]!).ToArray());
        Assert.Equal(64, ((string)rows[0][1]!).Length);
        Assert.Equal(64, ((string)rows[0][2]!).Length);

        // And the number appears nowhere in the database's files
        await AssertNotInFilesAsync(db, CallerDigits);
        await AssertNotInFilesAsync(db, "8987 about the refund");
    }

    [Fact]
    public async Task Hash_WithAConfiguredSecret_UsesIt_AndNeverLogsIt()
    {
        // Given a configured secret and a log that keeps everything
        const string secret = "correct horse battery staple 1234";
        var logs = new CapturedLogs();
        var (w, db) = await CreateAsync(PersonalDataMode.Hash, secret, logs);

        // When a call is loaded
        await LoadAsync(w, "src-secret", Segment("I1", "2", At(9, 5)) with { CallingAddress = Caller }, Window(9, 10));

        // Then its number is the HMAC under that secret, no key file was needed, and neither the secret nor the number was logged
        var stored = (await w.QueryAsync("SELECT calling_address FROM fact_segment", Ct)).Single()[0];
        Assert.Equal(Hmac(Encoding.UTF8.GetBytes(secret), Caller), stored);
        Assert.False(File.Exists(db + ".pii.key"));
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(secret, logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(CallerDigits, logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mask_KeepsTheLastFourDigits_AndRedactsNotes()
    {
        var (w, db) = await CreateAsync(PersonalDataMode.Mask, secret: null);

        await LoadAsync(w, "src-mask", Segment("I1", "2", At(9, 5)) with { CallingAddress = Caller, CalledAddress = "+1 (555) 123-4567", AgentNotes = Notes }, Window(9, 10));

        Assert.Equal(
            new[] { "*******8987", "*******4567", "[redacted]" },
            (await w.QueryAsync("SELECT calling_address, called_address, agent_notes FROM fact_segment", Ct)).Single().Select(v => (string)v!).ToArray());
        await AssertNotInFilesAsync(db, CallerDigits);
    }

    [Fact]
    public async Task Store_KeepsTheNumber_SoTheFileScanCanSeeIt()
    {
        // The scan the other tests rely on must find a number that is there.
        var (w, db) = await CreateAsync(PersonalDataMode.Store, secret: null);

        await LoadAsync(w, "src-store", Segment("I1", "2", At(9, 5)) with { CallingAddress = Caller }, Window(9, 10));

        Assert.Equal(Caller, (await w.QueryAsync("SELECT calling_address FROM fact_segment", Ct)).Single()[0]);
        Assert.True(await FilesContainAsync(db, CallerDigits));
    }

    [Fact]
    public async Task SqlServer_WithoutASecret_RefusesToLoadSegments_NamingTheSetting()
    {
        // No server is needed: the check comes before the first connection.
        var options = new WarehouseOptions { Provider = WarehouseProvider.SqlServer, ConnectionString = "Server=127.0.0.1,1;Database=none;Connect Timeout=1" };
        await using var warehouse = WarehouseFactory.Create(options, _clock, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            warehouse.LoadAsync(Request("src", ReportKind.Segments, Window(9, 10)), Stream([Segment("I1", "2", At(9, 5))]), Ct));

        Assert.Contains("Warehouse:PersonalDataSecret", error.Message, StringComparison.Ordinal);
        Assert.Contains("RCW_Warehouse__PersonalDataSecret", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private async Task<(TestWarehouse Warehouse, string DatabasePath)> CreateAsync(PersonalDataMode mode, string? secret, CapturedLogs? logs = null)
    {
        var db = _folder.File($"{mode}.db");
        var options = new WarehouseOptions
        {
            Provider = WarehouseProvider.Sqlite,
            ConnectionString = $"Data Source={db}",
            BusinessTimeZone = WarehouseFixture.BusinessTimeZone,
            PersonalData = mode,
            PersonalDataSecret = secret,
        };
        var warehouse = new TestWarehouse(WarehouseProvider.Sqlite, WarehouseFactory.Create(options, _clock, (Microsoft.Extensions.Logging.ILoggerFactory?)logs ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        await warehouse.Warehouse.MigrateAsync(Ct);
        return (warehouse, db);
    }

    private static Task<LoadResult> LoadAsync(TestWarehouse w, string source, SegmentRow row, RcWarehouse.Core.Intervals.UtcWindow window) =>
        w.Warehouse.LoadAsync(Request(source, ReportKind.Segments, window), Stream([row]), Ct);

    private static string Hmac(byte[] key, string value) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)));

    private static async Task AssertNotInFilesAsync(string db, string text) =>
        Assert.False(await FilesContainAsync(db, text), $"'{text}' was found in the database files");

    // The main file, and the WAL that may still hold the latest pages.
    private static async Task<bool> FilesContainAsync(string db, string text)
    {
        SqliteConnection.ClearAllPools();
        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var file in new[] { db, db + "-wal" }.Where(File.Exists))
        {
            byte[] bytes;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                await stream.ReadExactlyAsync(bytes, Ct);
            }

            if (bytes.AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
