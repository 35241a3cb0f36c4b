namespace RcWarehouse.Cli.Operations;

/// <summary>
/// A backfill as it stands: windows done of the total (and failed), requests this backfill was granted and the requests
/// still to make (one per window), time spent waiting for the shared budget and time spent downloading and loading
/// (each summed over the sub-accounts, which run in parallel), and the ETA from the budget's last read state.
/// </summary>
public sealed record BackfillStatus(
    int Done, int Total, int Failed, int RequestsGranted, int RequestsRemaining, TimeSpan WaitedForBudget, TimeSpan DownloadingAndLoading, TimeSpan Eta);
