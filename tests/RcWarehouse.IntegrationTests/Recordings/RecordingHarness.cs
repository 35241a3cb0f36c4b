using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Recordings;
using RcWarehouse.Cli.Sync;
using RcWarehouse.Core.Reports;
using RcWarehouse.IntegrationTests.Operations;
using RcWarehouse.IntegrationTests.RingCx;
using RcWarehouse.IntegrationTests.Support;
using RcWarehouse.RingCx;
using RcWarehouse.Simulator;
using RcWarehouse.Warehouse;
using Xunit;

namespace RcWarehouse.IntegrationTests.Recordings;

/// <summary>
/// The simulator on 127.0.0.1 (real clock: 429 blocks and retries wait for real), a real SQLite warehouse file and a
/// landing folder, with one current-generation and one legacy source; segments of chosen hours are published first.
/// </summary>
internal sealed class RecordingHarness : IAsyncDisposable
{
    private RecordingHarness(SimulatorHost simulator, TempDirectory folder, RingCxOptions ringCx, RingCxSession session)
    {
        Simulator = simulator;
        Folder = folder;
        RingCx = ringCx;
        Session = session;
        Database = new SqliteQueries(folder.File("warehouse.db"));
    }

    public SimulatorHost Simulator { get; }

    public TempDirectory Folder { get; }

    public RingCxOptions RingCx { get; }

    public RingCxSession Session { get; }

    public SqliteQueries Database { get; }

    public string LandingPath => RingCx.LandingPath;

    public string ClientId => Simulator.Credentials.ClientId;

    /// <summary>Starts everything and publishes the segments of [from, to) for both sources.</summary>
    public static async Task<RecordingHarness> StartAsync(DateTime fromUtc, DateTime toUtc)
    {
        var ct = TestContext.Current.CancellationToken;
        var sim = await SimulatorHost.StartAsync(
            new SimulatorOptions { Port = 0, RateLimit = "600/1s", AuthRateLimit = "600/1s", VolumeScale = 0.5 }, TimeProvider.System, ct);
        var folder = new TempDirectory();
        var subs = sim.Credentials.SubAccountIds;
        var ringCx = TestClients.Options(sim, o =>
        {
            o.LandingPath = folder.File("landing");
            o.RateLimit = "600/1s";
            o.AuthRateLimit = "600/1s";
            o.ReferenceRateLimit = "600/1s";
            o.RequestTimeout = TimeSpan.FromSeconds(10);
            var cx = TestClients.Source(sim, ApiGeneration.Cx, name: "sim-cx");
            cx.SubAccountIds = [subs[0]];
            var legacy = TestClients.Source(sim, ApiGeneration.Legacy, name: "sim-legacy");
            legacy.SubAccountIds = [subs[1]];
            o.Sources = [cx, legacy];
        });
        var warehouse = WarehouseFactory.Create(OperationsHarness.WarehouseAt(folder.File("warehouse.db")), TimeProvider.System, NullLoggerFactory.Instance);
        await warehouse.MigrateAsync(ct);
        var session = new RingCxSession(ringCx, warehouse, TimeProvider.System, NullLoggerFactory.Instance);
        var harness = new RecordingHarness(sim, folder, ringCx, session);
        await session.Sync.SyncAsync(new SyncRequest(fromUtc, toUtc, [ReportKind.Segments]), ct);
        return harness;
    }

    public RecordingArchiver Archiver(Action<RecordingsOptions>? configure = null)
    {
        var options = new RecordingsOptions { Enabled = true };
        configure?.Invoke(options);
        return RecordingsCommand.ArchiverFor(Session, options, TimeProvider.System, NullLoggerFactory.Instance);
    }

    public Task<RecordingRunSummary> ArchiveAsync(TextWriter? progress = null) =>
        Archiver().ArchiveAsync(null, null, progress ?? TextWriter.Null, TestContext.Current.CancellationToken);

    /// <summary>Requests the simulator received for recordings or transcripts (any status).</summary>
    public IReadOnlyList<SimulatorRequestRecord> ArchiveRequests() =>
        [.. Simulator.RequestLog.Records.Where(r => r.Path.Contains("/recordings", StringComparison.Ordinal) || r.Path.Contains("/transcripts/", StringComparison.Ordinal))];

    public Task<long> CountAsync(string sql) => Database.ScalarAsync<long>(sql);

    public string FullPath(string relative) => Path.Combine(LandingPath, relative.Replace('/', Path.DirectorySeparatorChar));

    public static DateTime DaysAgoAt(int days, int hour) =>
        DateTime.SpecifyKind(TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-days).AddHours(hour), DateTimeKind.Utc);

    /// <summary>As SQLite stores UTC instants (text compared in order).</summary>
    public static string Utc(DateTime value) => value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        await Simulator.DisposeAsync();
        Folder.Dispose();
    }
}
