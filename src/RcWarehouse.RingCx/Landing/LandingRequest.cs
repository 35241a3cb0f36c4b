namespace RcWarehouse.RingCx.Landing;

/// <summary>What a landed answer is: everything the manifest records besides the bytes, their hash and the fetch.</summary>
public sealed record LandingRequest(
    string SourceName,
    string SubAccountId,
    string? MainAccountId,
    string Report,
    string ApiGeneration,
    string Format,
    string TimeZone,
    DateTime WindowStartUtc,
    DateTime WindowEndUtc,
    string? RequestMethod,
    string? RequestPath,
    string? RequestBody,
    DateTime? SettledUntilUtc = null);
