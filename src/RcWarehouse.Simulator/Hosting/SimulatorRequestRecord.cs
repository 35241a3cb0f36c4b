namespace RcWarehouse.Simulator;

/// <summary>
/// One request the simulator received. <see cref="RateLimited"/> marks the endpoints the per-sub-account report limit
/// applies to (aggregate reports and interaction metadata); <see cref="Status"/> is 0 when the connection was aborted.
/// </summary>
public sealed record SimulatorRequestRecord(
    DateTimeOffset ReceivedAt,
    string Method,
    string Path,
    string? SubAccountId,
    bool RateLimited,
    int Status,
    SimulatedFaultKind? Fault);
