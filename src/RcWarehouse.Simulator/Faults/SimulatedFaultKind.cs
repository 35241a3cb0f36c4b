namespace RcWarehouse.Simulator;

public enum SimulatedFaultKind
{
    /// <summary>Serve the request normally (a placeholder in a script).</summary>
    None,

    /// <summary>429 with the documented JSON error body.</summary>
    TooManyRequests,

    /// <summary>500 with the documented JSON error body.</summary>
    InternalServerError,

    /// <summary>503 with the documented JSON error body.</summary>
    ServiceUnavailable,

    /// <summary>Stall for <see cref="SimulatorOptions.FaultDelay"/> (longer than the client's timeout), then answer.</summary>
    Delay,

    /// <summary>Announce the full Content-Length, send half of the body, then abort the connection.</summary>
    TruncatedBody,

    /// <summary>Abort the connection before any response.</summary>
    AbortedConnection,

    /// <summary>Expire the presented access token early and answer 401 <c>Jwt is expired</c>.</summary>
    TokenExpired,

    /// <summary>A recording request answers an MP3-looking body (what a browser-like client gets) instead of the WAV.</summary>
    NotWavBody,
}
