using Microsoft.Extensions.Logging;
using RcWarehouse.Cli.Loading;
using RcWarehouse.Cli.Sync;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Landing;
using RcWarehouse.Core.Reports;
using RcWarehouse.RingCx;
using RcWarehouse.RingCx.Auth;
using RcWarehouse.RingCx.Extraction;
using RcWarehouse.RingCx.Landing;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Loading;
using RcWarehouse.Warehouse.Operations;

namespace RcWarehouse.Cli.Operations;

/// <summary>
/// One planned window at a time: fetch, land, load from the landed file. Sync, the scheduled jobs, backfill and rerun
/// all go through here, so each window is one batch and a failure leaves exactly that window to retry. Every window
/// attempted and not published is in <c>etl.load_batch</c> as failed: a load failure by the publish protocol, an
/// extraction failure (nothing landed) recorded here.
/// </summary>
public sealed class WindowRunner(RingCxExtractor extractor, IWarehouse warehouse, ILogger<WindowRunner> logger, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public WindowPlanner Planner => extractor.Planner;

    public IWarehouse Warehouse => warehouse;

    public IReadOnlyList<PlannedWindow> Plan(SourceOptions source, ReportKind report, DateTime fromUtc, DateTime toUtc) =>
        extractor.Planner.Plan(source, report, fromUtc, toUtc);

    /// <summary>
    /// Plans and runs every window of the request's reports for its selected sources, sub-accounts in parallel; a
    /// failed window is recorded and the others still run.
    /// </summary>
    public async Task<SyncRunSummary> RunRangeAsync(RingCxOptions options, SyncRequest request, CancellationToken cancellationToken)
    {
        var perSubAccount = await Task.WhenAll(SourceSelection.Select(options, request.Source).Select(async p =>
        {
            // Every report planned (and its window count told) before the first request, so progress counts against
            // the whole run's total from the start.
            var plans = request.Reports.Select(report => Plan(p.Source, report, request.FromUtc, request.ToUtc)).ToList();
            for (var i = 0; i < plans.Count; i++)
            {
                logger.LogInformation(ExtractionEvents.Planned, p.Source.Name, p.SubAccountId, request.Reports[i].ToName(), plans[i].Count);
            }

            var perReport = new List<SyncRunSummary>();
            foreach (var windows in plans)
            {
                perReport.Add(await RunWindowsAsync(p.Source, p.SubAccountId, windows, stopAtFirstFailure: false, null, cancellationToken));
            }

            return SyncRunSummary.Combine(perReport);
        }));
        return SyncRunSummary.Combine(perSubAccount);
    }

    /// <summary>Fetches, lands and loads one window; returns the files it landed with the batches that published them.</summary>
    public async Task<IReadOnlyList<SyncedFile>> RunAsync(SourceOptions source, string subAccountId, PlannedWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(window);
        var started = _time.GetUtcNow().UtcDateTime;
        LandedFile landed;
        try
        {
            // The window is fetched as planned: planning it again here would count it again.
            landed = await extractor.FetchAndLandAsync(source, subAccountId, window, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await RecordExtractionFailureAsync(source, subAccountId, window, started, ex);
            throw;
        }

        return [new SyncedFile(source.Name, subAccountId, landed, await LoadLandedAsync(landed.Path, landed.Manifest, cancellationToken))];
    }

    /// <summary>
    /// Runs the windows of one sub-account and report in time order. A failed window is recorded (its failed batch) and,
    /// unless <paramref name="stopAtFirstFailure"/>, the next one runs. Refused credentials stop the sub-account: every
    /// further window would be refused the same way.
    /// </summary>
    public async Task<SyncRunSummary> RunWindowsAsync(
        SourceOptions source,
        string subAccountId,
        IReadOnlyList<PlannedWindow> windows,
        bool stopAtFirstFailure,
        Action<PlannedWindow, WindowFailure?>? onWindowDone,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(windows);
        var loaded = 0;
        var failures = new List<WindowFailure>();
        var files = new List<SyncedFile>();
        foreach (var window in windows)
        {
            WindowFailure? failure = null;
            var authRefused = false;
            try
            {
                var done = await RunAsync(source, subAccountId, window, cancellationToken);
                files.AddRange(done);
                loaded += done.Count;
            }
#pragma warning disable CA1031 // One window's failure is recorded and reported once at the job or command boundary; the others still run.
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                failure = new WindowFailure(source.Name, subAccountId, window.Report.ToName(), window.ToString(), ex.Message.ReplaceLineEndings(" "));
                failures.Add(failure);
                authRefused = ex is RingCxAuthException;
            }

            onWindowDone?.Invoke(window, failure);
            if (failure is not null && (stopAtFirstFailure || authRefused))
            {
                break;
            }
        }

        return new SyncRunSummary(loaded, 0, failures) { Files = files };
    }

    /// <summary>Loads a landed file again, as its manifest describes it (no API call).</summary>
    public async Task<LoadResult> LoadLandedAsync(string path, LandingManifest manifest, CancellationToken cancellationToken)
    {
        var result = await ReportFileLoader.LoadAsync(
            warehouse,
            FileLoadPlanner.FromManifest(path, manifest),
            warning => logger.LogWarning("{Warning}", warning),
            cancellationToken);
        logger.LogInformation(ExtractionEvents.Loaded, result.RowsLoaded, path, result.LoadBatchId, result.RowsIgnored);
        return result;
    }

    private async Task RecordExtractionFailureAsync(SourceOptions source, string subAccountId, PlannedWindow window, DateTime started, Exception failure)
    {
        // The caller's token may be what failed; the record must still be written, within a bound.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await WarehouseOperations.For(warehouse).RecordFailedWindowAsync(
                new FailedWindow(
                    subAccountId,
                    source.Name,
                    window.Report,
                    new UtcWindow(window.StartUtc, window.EndUtc),
                    null,
                    "extract: " + failure.Message.ReplaceLineEndings(" "),
                    started),
                timeout.Token);
        }
#pragma warning disable CA1031 // The extraction error is what the caller must see; this one only explains why it is not in status.
        catch (Exception recordFailure)
#pragma warning restore CA1031
        {
            logger.LogError(recordFailure, "{Report} {Window} of {Source}/{SubAccount} failed ({Error}) and the failure could not be recorded",
                window.Report.ToName(), window, source.Name, subAccountId, failure.Message);
        }
    }
}
