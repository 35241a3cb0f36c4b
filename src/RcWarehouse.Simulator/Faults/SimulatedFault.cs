namespace RcWarehouse.Simulator;

/// <summary>
/// One scripted fault. It is served to the next RingCX API request whose path contains <see cref="PathContains"/>
/// (any request when null). <see cref="RetryAfterSeconds"/> adds a Retry-After header to a 429.
/// </summary>
public sealed record SimulatedFault(SimulatedFaultKind Kind, string? PathContains = null, int? RetryAfterSeconds = null);
