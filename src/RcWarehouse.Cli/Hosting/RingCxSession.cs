using Microsoft.Extensions.Logging;
using RcWarehouse.Cli.Operations;
using RcWarehouse.Cli.Sync;
using RcWarehouse.RingCx;
using RcWarehouse.RingCx.Extraction;
using RcWarehouse.RingCx.Landing;
using RcWarehouse.RingCx.RateLimiting;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.RateLimiting;

namespace RcWarehouse.Cli.Hosting;

/// <summary>
/// The RingCX client, landing zone and (optionally) warehouse one pulling command works with, disposed together. The
/// client's rate-limit budgets are kept in the warehouse's ledger, shared with every other process and node.
/// </summary>
public sealed class RingCxSession : IAsyncDisposable
{
    private readonly RingCxClient _client;

    /// <summary>A session whose budgets live in <paramref name="warehouse"/>'s ledger (in memory when there is none).</summary>
    public RingCxSession(RingCxOptions options, IWarehouse? warehouse, TimeProvider time, ILoggerFactory loggerFactory)
        : this(options, warehouse, warehouse is null ? null : WarehouseRateLimitLedger.For(warehouse, time, loggerFactory), time, loggerFactory)
    {
    }

    /// <param name="options">Hosts, limits and sources.</param>
    /// <param name="warehouse">Where windows are loaded; null to land only.</param>
    /// <param name="ledger">Where budgets are kept; null keeps them in this process only.</param>
    /// <param name="time">The clock of every wait.</param>
    /// <param name="loggerFactory">Logging.</param>
    public RingCxSession(RingCxOptions options, IWarehouse? warehouse, IRateLimitLedger? ledger, TimeProvider time, ILoggerFactory loggerFactory)
    {
        Options = options;
        Warehouse = warehouse;
        _client = RingCxClient.Create(options, time, loggerFactory, ledger);
        Extractor = new RingCxExtractor(_client, new LandingZone(options.LandingPath, time), loggerFactory.CreateLogger<RingCxExtractor>());
        Runner = warehouse is null ? null : new WindowRunner(Extractor, warehouse, loggerFactory.CreateLogger<WindowRunner>(), time);
        Sync = new SyncService(options, Extractor, Runner);
        Reference = new ReferenceSyncService(options, Extractor, warehouse, loggerFactory.CreateLogger<ReferenceSyncService>());
    }

    public RingCxOptions Options { get; }

    /// <summary>The client, for its per-sub-account rate-limit budgets (backfill's ETA).</summary>
    public RingCxClient Client => _client;

    public IWarehouse? Warehouse { get; }

    public RingCxExtractor Extractor { get; }

    /// <summary>Fetch, land and load one window at a time; null when the session has no warehouse (extract only).</summary>
    public WindowRunner? Runner { get; }

    public SyncService Sync { get; }

    /// <summary>Reference data: landed, and loaded into the dimensions when there is a warehouse.</summary>
    public ReferenceSyncService Reference { get; }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (Warehouse is not null)
        {
            await Warehouse.DisposeAsync();
        }
    }
}
