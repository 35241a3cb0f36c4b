namespace RcWarehouse.RingCx.RateLimiting;

/// <summary>
/// The ledger keys of RingCX's limits. Reports and metadata are limited per sub-account; logins and the other APIs per
/// credential group, named by its client id (not a secret, and the same on every node whatever the source is called).
/// The host is not part of a key, though a source may name its own (<see cref="SourceOptions.RingCxUrl"/>): a limit
/// belongs to the account, and one account reached under two spellings of its host (a trailing slash, an alias, a
/// proxy) must still spend one budget. Two platforms that happened to share a sub-account or client id would only
/// share a budget: slower, never a 429 (see docs/operations.md, "Hosts per credential group").
/// </summary>
public static class RateLimitKeys
{
    public static string Reports(string subAccountId) => "reports/" + subAccountId;

    public static string Reference(SourceOptions source) => "reference/" + CredentialGroup(source);

    /// <param name="call">jwt-grant, token-exchange or token-refresh.</param>
    /// <param name="source">The credential group's source.</param>
    public static string Auth(string call, SourceOptions source) => $"auth/{call}/{CredentialGroup(source)}";

    private static string CredentialGroup(SourceOptions source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return string.IsNullOrWhiteSpace(source.ClientId) ? "source:" + source.Name : source.ClientId;
    }
}
