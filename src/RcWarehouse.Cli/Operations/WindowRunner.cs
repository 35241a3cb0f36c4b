using Microsoft.Extensions.Logging;
using RcWarehouse.Cli.Loading;
using RcWarehouse.Core.Landing;
using RcWarehouse.Core.Reports;
using RcWarehouse.RingCx;
using RcWarehouse.RingCx.Extraction;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Loading;

namespace RcWarehouse.Cli.Operations;

/// <summary>
/// One planned window at a time: fetch, land, load from the landed file. The scheduled jobs, backfill and rerun all go
/// through here, so each window is one batch and a failure leaves exactly that window to retry.
/// </summary>
public sealed class WindowRunner(RingCxExtractor extractor, IWarehouse warehouse, ILogger<WindowRunner> logger)
{
    public WindowPlanner Planner => extractor.Planner;

    public IWarehouse Warehouse => warehouse;

    public IReadOnlyList<PlannedWindow> Plan(SourceOptions source, ReportKind report, DateTime fromUtc, DateTime toUtc) =>
        extractor.Planner.Plan(source, report, fromUtc, toUtc);

    /// <summary>Fetches, lands and loads one window; returns the batches it published (one, unless the planner split it).</summary>
    public async Task<IReadOnlyList<LoadResult>> RunAsync(SourceOptions source, string subAccountId, PlannedWindow window, CancellationToken cancellationToken)
    {
        var results = new List<LoadResult>(1);
        await foreach (var landed in extractor.ExtractStreamAsync(source, subAccountId, window.Report, window.StartUtc, window.EndUtc, cancellationToken))
        {
            results.Add(await LoadLandedAsync(landed.Path, landed.Manifest, cancellationToken));
        }

        return results;
    }

    /// <summary>
    /// Runs the windows of one sub-account and report in time order. A failed window is recorded (its failed batch, or
    /// here for an API error) and, unless <paramref name="stopAtFirstFailure"/>, the next one runs.
    /// </summary>
    public async Task<SyncRunSummary> RunWindowsAsync(
        SourceOptions source,
        string subAccountId,
        IReadOnlyList<PlannedWindow> windows,
        bool stopAtFirstFailure,
        Action<PlannedWindow, WindowFailure?>? onWindowDone,
        CancellationToken cancellationToken)
    {
        var loaded = 0;
        var failures = new List<WindowFailure>();
        foreach (var window in windows)
        {
            WindowFailure? failure = null;
            try
            {
                loaded += (await RunAsync(source, subAccountId, window, cancellationToken)).Count;
            }
#pragma warning disable CA1031 // One window's failure is recorded and reported once at the job or command boundary; the others still run.
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                failure = new WindowFailure(source.Name, subAccountId, window.Report.ToName(), window.ToString(), ex.Message.ReplaceLineEndings(" "));
                failures.Add(failure);
            }

            onWindowDone?.Invoke(window, failure);
            if (failure is not null && stopAtFirstFailure)
            {
                break;
            }
        }

        return new SyncRunSummary(loaded, 0, failures);
    }

    /// <summary>Loads a landed file again, as its manifest describes it (no API call).</summary>
    public async Task<LoadResult> LoadLandedAsync(string path, LandingManifest manifest, CancellationToken cancellationToken)
    {
        var result = await ReportFileLoader.LoadAsync(
            warehouse,
            FileLoadPlanner.FromManifest(path, manifest),
            warning => logger.LogWarning("{Warning}", warning),
            cancellationToken);
        logger.LogInformation("Loaded {Rows} rows from {File} (batch {Batch})", result.RowsLoaded, path, result.LoadBatchId);
        return result;
    }
}
