using System.Collections.Concurrent;

namespace RcWarehouse.Simulator;

/// <summary>Every request the simulator received, in arrival order, with helpers tests use to judge a client.</summary>
public sealed class SimulatorRequestLog
{
    private readonly ConcurrentQueue<SimulatorRequestRecord> _records = new();

    public IReadOnlyList<SimulatorRequestRecord> Records => [.. _records];

    internal void Add(SimulatorRequestRecord record) => _records.Enqueue(record);

    /// <summary>Report and metadata requests of one sub-account (every one, whatever it was answered).</summary>
    public IReadOnlyList<SimulatorRequestRecord> RateLimitedRequests(string subAccountId) =>
        [.. _records.Where(r => r.RateLimited && r.SubAccountId == subAccountId).OrderBy(r => r.ReceivedAt)];

    /// <summary>The most report/metadata requests of one sub-account that arrived within any window of this length.</summary>
    public int MaxRequestsInAnyWindow(string subAccountId, TimeSpan window)
    {
        var times = RateLimitedRequests(subAccountId).Select(r => r.ReceivedAt).ToList();
        var max = 0;
        for (int first = 0, last = 0; first < times.Count; first++)
        {
            while (last < times.Count && times[last] - times[first] < window)
            {
                last++;
            }

            max = Math.Max(max, last - first);
        }

        return max;
    }

    public int CountStatus(int status, string? subAccountId = null) =>
        _records.Count(r => r.Status == status && (subAccountId is null || r.SubAccountId == subAccountId));

    /// <summary>Faults served (429s from the real limiter are not faults; see <see cref="CountStatus"/>).</summary>
    public IReadOnlyList<SimulatorRequestRecord> Faults => [.. _records.Where(r => r.Fault is not null)];

    public IReadOnlyList<string> SubAccountsSeen => [.. _records.Where(r => r.SubAccountId is not null).Select(r => r.SubAccountId!).Distinct()];
}
