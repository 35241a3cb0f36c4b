namespace RcWarehouse.RingCx.Extraction;

/// <summary>
/// How much an extraction will cost and when the rate limit lets it finish: <see cref="Requests"/> over all
/// sub-accounts, <see cref="EstimatedFinish"/> the latest sub-account's last permit (request durations come on top).
/// </summary>
public sealed record ExtractionEstimate(int Requests, IReadOnlyDictionary<string, int> RequestsBySubAccount, DateTimeOffset EstimatedFinish, TimeSpan Remaining);
